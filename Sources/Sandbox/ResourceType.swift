/// Whether objects of a resource live inside a namespace or at cluster scope.
public enum ResourceScope: String, Sendable, Hashable, Codable {
    case namespaced
    case cluster
}

/// A group and a plural resource name (`deployments` in `apps`): how objects are keyed in a store,
/// whatever version they were written through.
public struct GroupResource: Sendable, Hashable, Codable, CustomStringConvertible {
    public var group: String
    public var resource: String

    public init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }

    /// The qualified form used in API messages: `configmaps`, `roles.rbac.authorization.k8s.io`.
    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}

/// One kind the sandbox serves: where it lives in the URL space and how the server treats its objects.
///
/// Built-in kinds come from ``ResourceCatalog``; custom resources are registered with
/// ``SandboxConfiguration/customResources`` and behave like CRD-backed objects (generation, returned on delete).
public struct ResourceType: Sendable, Hashable {
    /// How `metadata.name` is validated: the rules differ per kind in the real server.
    public enum NameRule: Sendable, Hashable {
        /// RFC 1123 subdomain (most kinds).
        case dnsSubdomain
        /// RFC 1123 label (namespaces).
        case dnsLabel
        /// RFC 1035 label (services).
        case dns1035Label
        /// Any path segment: not `.`/`..`, no `/` or `%` (RBAC kinds).
        case pathSegment
    }

    /// The API group; empty for the core group.
    public var group: String
    public var version: String
    public var kind: String
    /// The plural resource name used in URLs.
    public var plural: String
    public var singular: String
    public var scope: ResourceScope
    public var shortNames: [String]
    public var categories: [String]
    /// True for kinds whose `metadata.generation` the server maintains.
    public var tracksGeneration: Bool
    /// True for kinds with a `status` subresource: writes to the main resource keep the stored status.
    public var hasStatusSubresource: Bool
    /// True when DELETE answers with the deleted object rather than a success `Status` (custom resources).
    public var returnsDeletedObject: Bool
    public var nameRule: NameRule

    public init(
        group: String, version: String, kind: String, plural: String, singular: String? = nil,
        scope: ResourceScope, shortNames: [String] = [], categories: [String] = [],
        tracksGeneration: Bool = false, hasStatusSubresource: Bool = false,
        returnsDeletedObject: Bool = false, nameRule: NameRule = .dnsSubdomain
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.scope = scope
        self.shortNames = shortNames
        self.categories = categories
        self.tracksGeneration = tracksGeneration
        self.hasStatusSubresource = hasStatusSubresource
        self.returnsDeletedObject = returnsDeletedObject
        self.nameRule = nameRule
    }

    /// A custom resource as a CRD would define it: generation tracked, status subresource, deleted object returned.
    public static func custom(
        group: String, version: String, kind: String, plural: String, singular: String? = nil,
        scope: ResourceScope, shortNames: [String] = []
    ) -> ResourceType {
        ResourceType(
            group: group, version: version, kind: kind, plural: plural, singular: singular, scope: scope,
            shortNames: shortNames, tracksGeneration: true, hasStatusSubresource: true, returnsDeletedObject: true)
    }

    /// `v1` for the core group, `group/version` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var groupResource: GroupResource { GroupResource(group: group, resource: plural) }
    public var isNamespaced: Bool { scope == .namespaced }
    /// The qualified kind used in `Invalid` messages: `ConfigMap`, `Role.rbac.authorization.k8s.io`.
    var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }
}
