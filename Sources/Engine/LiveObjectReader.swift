import JSON
import KubeAPI
import TenancyCore

/// Reads the live Kubernetes objects that rendered steps name, with one list per kind and namespace (or per
/// cluster-scoped kind) rather than one GET per object, all lists at once.
public enum LiveObjectReader {
    /// What was found, and the kinds the server does not serve (their steps cannot be applied there).
    public struct Result: Sendable {
        public var objects: [ObjectKey: JSONValue]
        /// `SecurityGroup (crd.yangtse.cni/v1)`, for each kind the server does not serve.
        public var unserved: [String]
    }

    /// The list calls the steps need: one per apiVersion, kind and namespace.
    public static func lists(for steps: [RenderedStep]) -> [ListScope: Set<String>] {
        var scopes: [ListScope: Set<String>] = [:]
        for step in steps {
            guard case .kubernetes(_, let object) = step.action, let key = ObjectKey(object: object) else { continue }
            scopes[ListScope(apiVersion: key.apiVersion, kind: key.kind, namespace: key.namespace), default: []]
                .insert(key.name)
        }
        return scopes
    }

    public static func read(_ steps: [RenderedStep], client: KubeClient) async throws -> Result {
        let scopes = lists(for: steps)
        return try await withThrowingTaskGroup(of: (ListScope, [JSONValue]?).self) { group in
            for (scope, names) in scopes {
                group.addTask {
                    do {
                        let list = try await client.list(apiVersion: scope.apiVersion, kind: scope.kind, namespace: scope.namespace)
                        return (scope, list.items.filter { names.contains($0["metadata"]?["name"]?.stringValue ?? "") })
                    } catch is ResourceMappingError {
                        return (scope, nil)
                    }
                }
            }
            var result = Result(objects: [:], unserved: [])
            for try await (scope, items) in group {
                guard let items else {
                    result.unserved.append("\(scope.kind) (\(scope.apiVersion))")
                    continue
                }
                for item in items {
                    if let key = ObjectKey(object: item) { result.objects[key] = item }
                }
            }
            result.unserved = Array(Set(result.unserved)).sorted()
            return result
        }
    }
}

/// One list call: a kind in a namespace, or a cluster-scoped kind (`namespace` nil).
public struct ListScope: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
}
