import JSON
import KubeAPI
import TenancyCore

/// What is left in a terminating namespace: every object of every namespaced kind the server lists, with its
/// finalizers — what holds the namespace up, named at once rather than from the namespace controller's
/// conditions, which a real cluster writes only seconds later.
enum NamespaceContent {
    /// `ConfigMap hold (finalizer example.com/hold)`, … at most `limit` of them and a count of the rest; empty
    /// when nothing is left (or the server could not be asked).
    static func remaining(in namespace: String, client: KubeClient, limit: Int = 8) async -> [String] {
        guard let kinds = try? await client.namespacedKinds() else { return [] }
        let found = await withTaskGroup(of: [String].self) { group in
            for kind in kinds where kind.kind != "Event" {
                group.addTask {
                    let items =
                        (try? await client.list(apiVersion: kind.apiVersion, kind: kind.kind, namespace: namespace)
                            .items) ?? []
                    return items.map { item in
                        let name = item["metadata"]?["name"]?.stringValue ?? "?"
                        let finalizers = DeletionHolds.finalizers(item)
                        let held =
                            finalizers.isEmpty
                            ? ""
                            : " (finalizer\(finalizers.count == 1 ? "" : "s") \(finalizers.joined(separator: ", ")))"
                        return "\(kind.kind) \(name)\(held)"
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }.sorted()
        }
        guard found.count > limit else { return found }
        return Array(found.prefix(limit)) + ["and \(found.count - limit) more"]
    }
}
