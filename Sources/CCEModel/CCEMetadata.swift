/// `metadata` of CCE objects: the name, the ID (`uid`) and CCE's own annotations and labels.
/// Timestamps stay strings: CCE writes them as Go's `2022-02-07 08:55:45.785425492 +0000 UTC`.
public struct CCEMetadata: Codable, Sendable, Hashable {
    /// Empty for add-on install bodies, which name the template instead.
    public var name: String
    public var uid: String?
    public var alias: String?
    public var annotations: [String: String]?
    public var labels: [String: String]?
    public var creationTimestamp: String?
    public var updateTimestamp: String?

    public init(name: String, uid: String? = nil, annotations: [String: String]? = nil, labels: [String: String]? = nil)
    {
        self.name = name
        self.uid = uid
        self.annotations = annotations
        self.labels = labels
    }

    enum CodingKeys: String, CodingKey {
        case name, uid, alias, annotations, labels, creationTimestamp, updateTimestamp
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        uid = try container.decodeIfPresent(String.self, forKey: .uid)
        alias = try container.decodeIfPresent(String.self, forKey: .alias)
        annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations)
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels)
        creationTimestamp = try container.decodeIfPresent(String.self, forKey: .creationTimestamp)
        updateTimestamp = try container.decodeIfPresent(String.self, forKey: .updateTimestamp)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !name.isEmpty { try container.encode(name, forKey: .name) }
        try container.encodeIfPresent(uid, forKey: .uid)
        try container.encodeIfPresent(alias, forKey: .alias)
        try container.encodeIfPresent(annotations, forKey: .annotations)
        try container.encodeIfPresent(labels, forKey: .labels)
        try container.encodeIfPresent(creationTimestamp, forKey: .creationTimestamp)
        try container.encodeIfPresent(updateTimestamp, forKey: .updateTimestamp)
    }
}
