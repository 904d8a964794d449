import JSON

/// The plan's JSON form, a stable contract (docs/plan.md): scripts read it, and saved plans are made of it.
extension Plan {
    public var json: JSONValue {
        var value: JSONValue = [
            "tenant": .string(tenant),
            "cluster": .string(cluster),
            "isolation": .string(isolation.rawValue),
            "offline": .bool(offline),
            "kubernetes": [
                "version": .string(facts.version.description),
                "admissionPolicyAPI": facts.admissionPolicyAPI.map(JSONValue.string) ?? .null,
                "factsFrom": .string(facts.origin.rawValue),
            ],
            "summary": summaryJSON,
            "changes": .array(changes.map(\.json)),
            "notes": .array(notes.map(JSONValue.string)),
        ]
        if offboarding { value["offboarding"] = true }
        return value
    }

    /// Counts by action: `create`, `update`, `delete`, `noOp`, `conflict`.
    public var summaryJSON: JSONValue { Self.summaryJSON(count) }

    /// The summary of `count` changes per action (one plan's, or several plans' together).
    public static func summaryJSON(_ count: (PlannedChange.Action) -> Int) -> JSONValue {
        .object(
            Dictionary(
                uniqueKeysWithValues: PlannedChange.Action.allCases.map { action in
                    (action == .noOp ? "noOp" : action.rawValue, JSONValue.int(Int64(count(action))))
                }))
    }
}

extension PlannedChange {
    public var json: JSONValue {
        var value: JSONValue = [
            "id": .string(id), "step": .string(stepID), "dependsOn": .array(dependsOn.map(JSONValue.string)),
            "action": .string(action.rawValue), "target": target.json,
            "fields": .array(fields.map { ["path": .string($0.path), "before": $0.before ?? .null, "after": $0.after ?? .null] }),
            "resourceVersion": resourceVersion.map(JSONValue.string) ?? .null,
            "desired": desired ?? .null,
        ]
        if let message { value["message"] = .string(message) }
        if adopt { value["adopt"] = true }
        if irreversible { value["irreversible"] = true }
        if !holds.isEmpty {
            value["holds"] = .array(holds.map { ["kind": .string($0.kind.rawValue), "object": .string($0.object), "detail": .string($0.detail)] })
        }
        return value
    }
}

extension PlannedChange.Target {
    public var json: JSONValue {
        switch self {
        case .object(let key):
            return [
                "type": "kubernetes", "apiVersion": .string(key.apiVersion), "kind": .string(key.kind),
                "namespace": key.namespace.map(JSONValue.string) ?? .null, "name": .string(key.name),
            ]
        case .cloud(let key):
            return ["type": "cloud", "resource": .string(key.resource.rawValue), "name": .string(key.name)]
        }
    }
}
