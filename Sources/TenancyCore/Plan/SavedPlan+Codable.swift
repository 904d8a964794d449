import JSON

/// The saved plan's JSON (docs/plan.md), members in key order: `apiVersion`, `digests`, `inputs`, `kind`, `plans`
/// and their `summary` (counted from the plans, not read back). A document of another apiVersion, or of the older
/// form that recorded `tenantctl plan`'s command line (`arguments`), is `Unusable`.
extension SavedPlan: Codable {
    enum CodingKeys: String, CodingKey {
        case apiVersion, digests, inputs, kind, plans, summary
        /// Where saved plans of the older form kept the command line; read only to say so.
        case arguments
    }

    /// The one `kind` a saved plan has.
    private enum Kind: String, Codable, CaseIterable {
        case savedPlan = "SavedPlan"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.apiVersion, forKey: .apiVersion)
        try container.encode(digests, forKey: .digests)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(Kind.savedPlan, forKey: .kind)
        try container.encode(plans, forKey: .plans)
        try container.encode(Plan.summaryJSON { action in plans.reduce(0) { $0 + $1.count(action) } }, forKey: .summary)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? "none"
        guard version == Self.apiVersion else {
            throw Unusable(
                description: "has apiVersion \(version); this tenantctl reads \(Self.apiVersion): plan again")
        }
        _ = try container.decode(Kind.self, forKey: .kind)
        guard !container.contains(.arguments) else {
            throw Unusable(
                description: "records its inputs in an older form (the command line); plan again to save it in this one"
            )
        }
        self.init(
            inputs: try container.decode(Inputs.self, forKey: .inputs),
            digests: try container.decode([Digest].self, forKey: .digests),
            plans: try container.decode([Plan].self, forKey: .plans))
    }
}

/// `{"adopt", "catalog", "inventory", "kubeconfig", "playbook", "rebalanceQuota", "specs"}`, `null` for a default. Paths are read
/// back only as `plan` writes them: absolute, without `.` or `..` parts.
extension SavedPlan.Inputs: Codable {
    enum CodingKeys: String, CodingKey {
        case adopt, catalog, inventory, kubeconfig, playbook, rebalanceQuota, specs
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(adopt, forKey: .adopt)
        try container.encode(catalog, forKey: .catalog)
        try container.encode(inventory, forKey: .inventory)
        try container.encode(kubeconfig, forKey: .kubeconfig)
        try container.encode(playbook, forKey: .playbook)
        try container.encode(rebalanceQuota, forKey: .rebalanceQuota)
        try container.encode(specs, forKey: .specs)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            specs: try container.decode([AbsolutePath].self, forKey: .specs).map(\.path),
            playbook: try container.decode(AbsolutePath.self, forKey: .playbook).path,
            inventory: try container.decode(AbsolutePath?.self, forKey: .inventory)?.path,
            catalog: try container.decode(AbsolutePath?.self, forKey: .catalog)?.path,
            kubeconfig: try container.decode(AbsolutePath?.self, forKey: .kubeconfig)?.path,
            adopt: try container.decode(Bool.self, forKey: .adopt),
            rebalanceQuota: try container.decode(Bool.self, forKey: .rebalanceQuota))
    }
}

/// A path as a saved plan records it: absolute, without `.` or `..` parts (so it names what it seems to).
private struct AbsolutePath: Decodable {
    let path: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        path = try container.decode(String.self)
        guard path.hasPrefix("/"), !path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an absolute path, found \(path.debugDescription)")
        }
    }
}
