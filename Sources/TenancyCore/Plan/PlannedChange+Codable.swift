import JSON

/// A change as the plan's JSON holds it (docs/plan.md), members in key order: `desired`, `resourceVersion` and a
/// field's `before` and `after` are `null` when absent; `adopt` and `irreversible` only when true, `holds` only
/// when there are some, `message` only when there is one. The in-memory `observed` is never written.
extension PlannedChange: Codable {
    enum CodingKeys: String, CodingKey {
        case action, adopt, dependsOn, desired, fields, holds, id, irreversible, message, resourceVersion, target
        case stepID = "step"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        if adopt { try container.encode(true, forKey: .adopt) }
        try container.encode(dependsOn, forKey: .dependsOn)
        try container.encode(desired, forKey: .desired)
        try container.encode(fields, forKey: .fields)
        if !holds.isEmpty { try container.encode(holds, forKey: .holds) }
        try container.encode(id, forKey: .id)
        if irreversible { try container.encode(true, forKey: .irreversible) }
        try container.encodeIfPresent(message, forKey: .message)
        try container.encode(resourceVersion, forKey: .resourceVersion)
        try container.encode(stepID, forKey: .stepID)
        try container.encode(target, forKey: .target)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            stepID: try container.decode(String.self, forKey: .stepID),
            dependsOn: try container.decode([String].self, forKey: .dependsOn),
            action: try container.decode(Action.self, forKey: .action),
            target: try container.decode(Target.self, forKey: .target),
            desired: try container.decode(JSONValue?.self, forKey: .desired),
            fields: try container.decode([FieldChange].self, forKey: .fields),
            resourceVersion: try container.decode(String?.self, forKey: .resourceVersion),
            message: try container.decodeIfPresent(String.self, forKey: .message),
            adopt: try container.decodeIfPresent(Bool.self, forKey: .adopt) ?? false,
            irreversible: try container.decodeIfPresent(Bool.self, forKey: .irreversible) ?? false,
            holds: try container.decodeIfPresent([Holding].self, forKey: .holds) ?? [])
    }
}

/// `{"type": "kubernetes", "apiVersion", "kind", "namespace" (null when cluster-scoped), "name"}` or
/// `{"type": "cloud", "resource", "name"}`.
extension PlannedChange.Target: Codable {
    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, name, namespace, resource, type
    }

    /// What `type` says the target is.
    private enum Kind: String, Codable, CaseIterable {
        case kubernetes, cloud
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .object(let key):
            try container.encode(key.apiVersion, forKey: .apiVersion)
            try container.encode(key.kind, forKey: .kind)
            try container.encode(key.name, forKey: .name)
            try container.encode(key.namespace, forKey: .namespace)
            try container.encode(Kind.kubernetes, forKey: .type)
        case .cloud(let key):
            try container.encode(key.name, forKey: .name)
            try container.encode(key.resource, forKey: .resource)
            try container.encode(Kind.cloud, forKey: .type)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .kubernetes:
            self = .object(
                ObjectKey(
                    apiVersion: try container.decode(String.self, forKey: .apiVersion),
                    kind: try container.decode(String.self, forKey: .kind),
                    namespace: try container.decode(String?.self, forKey: .namespace),
                    name: try container.decode(String.self, forKey: .name)))
        case .cloud:
            self = .cloud(
                CloudKey(
                    resource: try container.decode(Playbook.CloudResource.self, forKey: .resource),
                    name: try container.decode(String.self, forKey: .name)))
        }
    }
}

extension FieldChange: Codable {
    enum CodingKeys: String, CodingKey {
        case after, before, path
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(after, forKey: .after)
        try container.encode(before, forKey: .before)
        try container.encode(path, forKey: .path)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            path: try container.decode(String.self, forKey: .path),
            before: try container.decode(JSONValue?.self, forKey: .before),
            after: try container.decode(JSONValue?.self, forKey: .after))
    }
}

/// A cloud target's `resource`: `nodePool`, `cluster` or `addon`.
extension Playbook.CloudResource: Codable {}
