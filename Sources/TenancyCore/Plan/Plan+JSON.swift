import JSON

/// The plan's JSON form, a stable contract (docs/plan.md): scripts read it, and saved plans are made of it.
extension Plan {
    public var json: JSONValue { .build { encode(into: &$0) } }

    /// Writes the plan's JSON member by member, keys in sorted order: as bytes for a report of any size, or as
    /// `json`, without building the plan's value first.
    public func encode(into out: inout some JSONOutput) {
        out.beginObject()
        out.key("changes")
        out.beginArray()
        for change in changes {
            out.element()
            change.encode(into: &out)
        }
        out.end()
        out.key("cluster")
        out.write(.string(cluster))
        out.key("isolation")
        out.write(.string(isolation.rawValue))
        out.key("kubernetes")
        out.write([
            "version": .string(facts.version.description),
            "admissionPolicyAPI": facts.admissionPolicyAPI.map(JSONValue.string) ?? .null,
            "factsFrom": .string(facts.origin.rawValue),
        ])
        out.key("notes")
        out.write(.array(notes.map(JSONValue.string)))
        if offboarding {
            out.key("offboarding")
            out.write(true)
        }
        out.key("offline")
        out.write(.bool(offline))
        out.key("summary")
        out.write(summaryJSON)
        out.key("tenant")
        out.write(.string(tenant))
        out.end()
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
    /// The change's JSON, as the plan's JSON holds it.
    public var json: JSONValue { .build { encode(into: &$0) } }

    /// Writes the change's JSON member by member, keys in sorted order.
    func encode(into out: inout some JSONOutput) {
        out.beginObject()
        out.key("action")
        out.write(.string(action.rawValue))
        if adopt {
            out.key("adopt")
            out.write(true)
        }
        out.key("dependsOn")
        out.write(.array(dependsOn.map(JSONValue.string)))
        out.key("desired")
        out.write(desired ?? .null)
        out.key("fields")
        out.beginArray()
        for field in fields {
            out.element()
            out.beginObject()
            out.key("after")
            out.write(field.after ?? .null)
            out.key("before")
            out.write(field.before ?? .null)
            out.key("path")
            out.write(.string(field.path))
            out.end()
        }
        out.end()
        if !holds.isEmpty {
            out.key("holds")
            out.write(
                .array(
                    holds.map { hold in
                        [
                            "kind": .string(hold.kind.rawValue), "object": .string(hold.object),
                            "detail": .string(hold.detail),
                        ]
                    }))
        }
        out.key("id")
        out.write(.string(id))
        if irreversible {
            out.key("irreversible")
            out.write(true)
        }
        if let message {
            out.key("message")
            out.write(.string(message))
        }
        out.key("resourceVersion")
        out.write(resourceVersion.map(JSONValue.string) ?? .null)
        out.key("step")
        out.write(.string(stepID))
        out.key("target")
        out.write(target.json)
        out.end()
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
