import JSON
import KubeAPI
import TenancyCore

/// Reads the live Kubernetes objects that rendered steps name — the steps of one tenant or of every tenant on the
/// cluster — with lists, never a GET per object, all at once. A cluster-scoped kind is listed once. A namespaced
/// kind is listed per namespace when the steps name few namespaces, else once across all namespaces (falling back
/// to per-namespace lists when the caller may not list across them). No label selector: objects the steps name
/// that lack tenantctl's labels must be found too (conflicts, `--adopt`).
public enum LiveObjectReader {
    /// Up to this many namespaces, a kind is listed per namespace; beyond, once across all of them.
    public static let perNamespaceLimit = 2

    /// What was found, and the kinds the server does not serve (their steps cannot be applied there).
    public struct Result: Sendable {
        public var objects: [ObjectKey: JSONValue]
        /// `SecurityGroup (crd.yangtse.cni/v1)`, for each kind the server does not serve.
        public var unserved: [String]
    }

    /// One kind the steps name, with the namespaces and names they name.
    struct Wanted: Hashable {
        var apiVersion: String
        var kind: String
        /// nil for a cluster-scoped kind.
        var namespaces: Set<String>?
        var names: Set<ObjectKey>
    }

    static func wanted(_ steps: [RenderedStep]) -> [Wanted] {
        var kinds: [String: Wanted] = [:]
        for step in steps {
            guard case .kubernetes(_, let object) = step.action, let key = ObjectKey(object: object) else { continue }
            let id = "\(key.apiVersion) \(key.kind)"
            var entry = kinds[id] ?? Wanted(apiVersion: key.apiVersion, kind: key.kind, namespaces: nil, names: [])
            if let namespace = key.namespace { entry.namespaces = (entry.namespaces ?? []).union([namespace]) }
            entry.names.insert(key)
            kinds[id] = entry
        }
        return Array(kinds.values)
    }

    static func scopes(_ wanted: Wanted) -> [ListScope] {
        guard let namespaces = wanted.namespaces, namespaces.count <= perNamespaceLimit else {
            return [ListScope(apiVersion: wanted.apiVersion, kind: wanted.kind, namespace: nil)]
        }
        return namespaces.sorted().map { ListScope(apiVersion: wanted.apiVersion, kind: wanted.kind, namespace: $0) }
    }

    public static func read(_ steps: [RenderedStep], client: KubeClient) async throws -> Result {
        try await withThrowingTaskGroup(of: (Wanted, [JSONValue]?).self) { group in
            for wanted in wanted(steps) {
                group.addTask {
                    do {
                        return (wanted, try await list(wanted, client: client))
                    } catch is ResourceMappingError {
                        return (wanted, nil)
                    }
                }
            }
            var result = Result(objects: [:], unserved: [])
            for try await (wanted, items) in group {
                guard let items else {
                    result.unserved.append("\(wanted.kind) (\(wanted.apiVersion))")
                    continue
                }
                for item in items {
                    if let key = ObjectKey(object: item), wanted.names.contains(key) { result.objects[key] = item }
                }
            }
            result.unserved.sort()
            return result
        }
    }

    /// The objects of one kind in its scopes; a list across all namespaces that is forbidden is done per namespace.
    private static func list(_ wanted: Wanted, client: KubeClient) async throws -> [JSONValue] {
        let scopes = scopes(wanted)
        do {
            return try await list(scopes, client: client)
        } catch let error as KubeAPIError where error.code == 403 && wanted.namespaces != nil && scopes.count == 1 {
            let perNamespace = (wanted.namespaces ?? []).sorted().map {
                ListScope(apiVersion: wanted.apiVersion, kind: wanted.kind, namespace: $0)
            }
            return try await list(perNamespace, client: client)
        }
    }

    private static func list(_ scopes: [ListScope], client: KubeClient) async throws -> [JSONValue] {
        try await withThrowingTaskGroup(of: [JSONValue].self) { group in
            for scope in scopes {
                group.addTask {
                    try await client.list(apiVersion: scope.apiVersion, kind: scope.kind, namespace: scope.namespace)
                        .items
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}

/// One list call: a kind in a namespace, or a cluster-scoped kind or a kind across all namespaces (`namespace` nil).
public struct ListScope: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
}
