import JSON

/// Which Kubernetes object a step is about: API group, kind, namespace and name. The version is left out so that
/// an object read through one served version matches the same object rendered for another.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String?, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// The key of an object with `apiVersion`, `kind` and `metadata.name`; nil when one is missing.
    public init?(object: JSONValue) {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue,
            let name = object["metadata"]?["name"]?.stringValue
        else { return nil }
        self.init(
            apiVersion: apiVersion, kind: kind, namespace: object["metadata"]?["namespace"]?.stringValue, name: name)
    }

    /// The API group: `""` for the core group.
    public var group: String { apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : "" }

    public static func == (a: ObjectKey, b: ObjectKey) -> Bool {
        (a.group, a.kind, a.namespace, a.name) == (b.group, b.kind, b.namespace, b.name)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(group)
        hasher.combine(kind)
        hasher.combine(namespace)
        hasher.combine(name)
    }

    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        (a.group, a.kind, a.namespace ?? "", a.name) < (b.group, b.kind, b.namespace ?? "", b.name)
    }

    /// `Namespace acme-web`, `ResourceQuota acme-web/tenant-quota`.
    public var description: String { "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }
}

/// Which cloud resource a step is about: a cluster or node pool by name, an add-on by template name.
public struct CloudKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var resource: Playbook.CloudResource
    public var name: String

    public init(resource: Playbook.CloudResource, name: String) {
        self.resource = resource
        self.name = name
    }

    /// The key of a CCE body: `metadata.name`, or `spec.addonTemplateName` for an add-on.
    public init?(resource: Playbook.CloudResource, body: JSONValue) {
        let name =
            resource == .addon
            ? body["spec"]?["addonTemplateName"]?.stringValue : body["metadata"]?["name"]?.stringValue
        guard let name else { return nil }
        self.init(resource: resource, name: name)
    }

    public static func < (a: CloudKey, b: CloudKey) -> Bool {
        (a.resource.rawValue, a.name) < (b.resource.rawValue, b.name)
    }

    /// `node pool acme-pool`.
    public var description: String {
        switch resource {
        case .cluster: return "cluster \(name)"
        case .nodePool: return "node pool \(name)"
        case .addon: return "add-on \(name)"
        }
    }
}
