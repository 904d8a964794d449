/// The kinds one API server serves: the built-ins of its version plus registered custom resources.
/// Answers the lookups routing and discovery need.
public struct ResourceCatalog: Sendable {
    public let types: [ResourceType]

    public init(minorVersion: Int, customResources: [ResourceType] = []) {
        self.types = KubernetesKinds.all(minorVersion: minorVersion) + customResources
    }

    /// The type served at `group/version` under `plural`, if any.
    public func type(group: String, version: String, plural: String) -> ResourceType? {
        types.first { $0.group == group && $0.version == version && $0.plural == plural }
    }

    /// The type a stored object belongs to, by its group and plural, whatever the version.
    public func type(for resource: GroupResource) -> ResourceType? {
        types.first { $0.groupResource == resource }
    }

    /// The type of an object by its `apiVersion` and `kind`.
    public func type(apiVersion: String, kind: String) -> ResourceType? {
        types.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }

    /// Groups in first-seen order, each with its versions in first-seen order.
    var groupVersions: [(group: String, versions: [String])] {
        var result: [(group: String, versions: [String])] = []
        for type in types where !type.group.isEmpty {
            if let index = result.firstIndex(where: { $0.group == type.group }) {
                if !result[index].versions.contains(type.version) { result[index].versions.append(type.version) }
            } else {
                result.append((type.group, [type.version]))
            }
        }
        return result
    }

    func types(group: String, version: String) -> [ResourceType] {
        types.filter { $0.group == group && $0.version == version }
    }
}
