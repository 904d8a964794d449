import JSON

/// The plan's JSON form, a stable contract (docs/plan.md): scripts read it, saved plans and journals are made of
/// it. Members are encoded in key order, as they are written, so that a report streams them as they come;
/// `offboarding` only when true, `summary` counted from the changes (and not read back).
extension Plan: Codable {
    enum CodingKeys: String, CodingKey {
        case changes, cluster, isolation, kubernetes, notes, offboarding, offline, summary, tenant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(changes, forKey: .changes)
        try container.encode(cluster, forKey: .cluster)
        try container.encode(isolation, forKey: .isolation)
        try container.encode(facts, forKey: .kubernetes)
        try container.encode(notes, forKey: .notes)
        if offboarding { try container.encode(true, forKey: .offboarding) }
        try container.encode(offline, forKey: .offline)
        try container.encode(summaryJSON, forKey: .summary)
        try container.encode(tenant, forKey: .tenant)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tenant: try container.decode(String.self, forKey: .tenant),
            cluster: try container.decode(String.self, forKey: .cluster),
            isolation: try container.decode(Decision.Isolation.self, forKey: .isolation),
            facts: try container.decode(ClusterFacts.self, forKey: .kubernetes),
            offline: try container.decode(Bool.self, forKey: .offline),
            changes: try container.decode([PlannedChange].self, forKey: .changes),
            notes: try container.decode([String].self, forKey: .notes),
            offboarding: try container.decodeIfPresent(Bool.self, forKey: .offboarding) ?? false)
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

/// The plan's `kubernetes` member: the facts it was planned with, and where they came from (`factsFrom`).
extension ClusterFacts: Codable {
    enum CodingKeys: String, CodingKey {
        case admissionPolicyAPI
        case origin = "factsFrom"
        case version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(admissionPolicyAPI, forKey: .admissionPolicyAPI)
        try container.encode(origin, forKey: .origin)
        try container.encode(version, forKey: .version)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            version: try container.decode(KubernetesVersion.self, forKey: .version),
            admissionPolicyAPI: try container.decode(String?.self, forKey: .admissionPolicyAPI),
            origin: try container.decode(Origin.self, forKey: .origin))
    }
}

/// A version as the inventory writes it: `v1.31`.
extension KubernetesVersion: Codable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = KubernetesVersion(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a Kubernetes version such as v1.31, found \(text.debugDescription)")
        }
        self = version
    }
}
