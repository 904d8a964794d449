import JSON

/// Reads a plan back from its JSON form (a saved plan, a run's journal). Fails on anything the encoder would not
/// have written.
extension Plan {
    public init(json: JSONValue) throws(PlanDecodingError) {
        func string(_ key: String, in value: JSONValue) throws(PlanDecodingError) -> String {
            guard let text = value[key]?.stringValue else {
                throw PlanDecodingError("\(key) is missing or not a string")
            }
            return text
        }
        guard let isolation = Decision.Isolation(rawValue: try string("isolation", in: json)),
            let kubernetes = json["kubernetes"], let version = KubernetesVersion(try string("version", in: kubernetes)),
            let origin = ClusterFacts.Origin(rawValue: try string("factsFrom", in: kubernetes)),
            let changes = json["changes"]?.arrayValue
        else { throw PlanDecodingError("not a tenantctl plan") }
        var decoded: [PlannedChange] = []
        for change in changes { decoded.append(try PlannedChange(json: change)) }
        self.init(
            tenant: try string("tenant", in: json), cluster: try string("cluster", in: json), isolation: isolation,
            facts: ClusterFacts(
                version: version, admissionPolicyAPI: kubernetes["admissionPolicyAPI"]?.stringValue, origin: origin),
            offline: json["offline"]?.boolValue ?? false, changes: decoded,
            notes: json["notes"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            offboarding: json["offboarding"]?.boolValue ?? false)
    }
}

extension PlannedChange {
    public init(json: JSONValue) throws(PlanDecodingError) {
        guard let id = json["id"]?.stringValue, let step = json["step"]?.stringValue,
            let action = json["action"]?.stringValue.flatMap(Action.init(rawValue:)), let target = json["target"]
        else { throw PlanDecodingError("a change lacks id, step, action or target") }
        let decodedTarget: Target
        switch target["type"]?.stringValue {
        case "kubernetes":
            guard let apiVersion = target["apiVersion"]?.stringValue, let kind = target["kind"]?.stringValue,
                let name = target["name"]?.stringValue
            else { throw PlanDecodingError("change \(id): incomplete Kubernetes target") }
            decodedTarget = .object(
                ObjectKey(apiVersion: apiVersion, kind: kind, namespace: target["namespace"]?.stringValue, name: name))
        case "cloud":
            guard let resource = target["resource"]?.stringValue.flatMap(Playbook.CloudResource.init(rawValue:)),
                let name = target["name"]?.stringValue
            else { throw PlanDecodingError("change \(id): incomplete cloud target") }
            decodedTarget = .cloud(CloudKey(resource: resource, name: name))
        default: throw PlanDecodingError("change \(id): unknown target type")
        }
        let fields = (json["fields"]?.arrayValue ?? []).compactMap { field -> FieldChange? in
            guard let path = field["path"]?.stringValue else { return nil }
            return FieldChange(path: path, before: Self.present(field["before"]), after: Self.present(field["after"]))
        }
        self.init(
            id: id, stepID: step, dependsOn: json["dependsOn"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            action: action,
            target: decodedTarget, desired: Self.present(json["desired"]), fields: fields,
            resourceVersion: json["resourceVersion"]?.stringValue, message: json["message"]?.stringValue,
            adopt: json["adopt"]?.boolValue ?? false, irreversible: json["irreversible"]?.boolValue ?? false,
            holds: (json["holds"]?.arrayValue ?? []).compactMap { holding in
                guard let kind = holding["kind"]?.stringValue.flatMap(Holding.Kind.init(rawValue:)),
                    let object = holding["object"]?.stringValue, let detail = holding["detail"]?.stringValue
                else { return nil }
                return Holding(kind: kind, object: object, detail: detail)
            })
    }
}

extension PlannedChange {
    /// The value, or nil for a missing or null one (a `nil` literal would make a JSON `null`, not nil).
    private static func present(_ value: JSONValue?) -> JSONValue? {
        guard let value, !value.isNull else { return Optional<JSONValue>.none }
        return value
    }
}

/// A plan's JSON could not be read back.
public struct PlanDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
