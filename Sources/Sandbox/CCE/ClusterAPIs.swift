import Foundation
import JSON
import Synchronization

/// The Kubernetes APIs of the clusters created through the CCE API, one ``KubeStore`` each (with its own
/// controllers), by cluster ID; served under `/clusters/{id}/` to the client certificate of the cluster's
/// `clustercert`. Seeded clusters share the sandbox's main store, which outlives them.
final class ClusterAPIs: Sendable {
    let configuration: SandboxConfiguration
    /// The sandbox's own cluster, which seeded clusters stand for.
    private let main: KubeStore
    private let handlers: Mutex<[String: KubeAPIHandler]>

    init(configuration: SandboxConfiguration, main: KubeStore) {
        self.configuration = configuration
        self.main = main
        let seeded = (configuration.cce?.seedClusters ?? []).map {
            ($0.id, KubeAPIHandler(store: main, configuration: configuration))
        }
        self.handlers = Mutex(Dictionary(seeded, uniquingKeysWith: { first, _ in first }))
    }

    /// The Kubernetes API of a cluster, while it exists.
    func handler(for cluster: String) -> KubeAPIHandler? {
        handlers.withLock { $0[cluster] }
    }

    /// The store of a cluster, while it exists.
    func store(for cluster: String) -> KubeStore? { handler(for: cluster)?.store }

    func apply(_ effects: [CCEEffect]) async {
        for effect in effects {
            switch effect {
            case .addCluster(let id, let version): await addCluster(id, version: version)
            case .removeCluster(let id):
                let removed = handlers.withLock { $0.removeValue(forKey: id) }
                if let store = removed?.store, store !== main { await store.finishEventStreams() }
                if let directory = directory(of: id) { try? FileManager.default.removeItem(at: directory) }
            case .syncNodes(let cluster, let pool):
                guard let store = store(for: cluster) else { continue }
                await store.removeNodes(ofPool: pool.value(at: ["metadata", "name"])?.stringValue ?? "")
                await store.createAll(ClusterObjects.nodes(of: pool))
            case .removeNodes(let cluster, let pool):
                await store(for: cluster)?.removeNodes(ofPool: pool)
            case .addonInstalled(let cluster, let addon):
                guard let store = store(for: cluster) else { continue }
                await store.createAll(ClusterObjects.installed(by: addon))
            }
        }
    }

    /// Where a created cluster keeps its objects, with a state directory: `clusters/ID` inside it.
    private func directory(of cluster: String) -> URL? {
        configuration.stateDirectory?.appendingPathComponent("clusters").appendingPathComponent(cluster)
    }

    /// Ends the created clusters' watches; called when the sandbox stops (which ends the main store's).
    func shutdown() async {
        let all = handlers.withLock { Array($0.values) }
        for handler in all where handler.store !== main { await handler.store.finishEventStreams() }
    }

    private func addCluster(_ id: String, version: String?) async {
        var configuration = configuration
        if let version, KubeVersion(version).minor > 0 {
            configuration.gitVersion = version.split(separator: ".").count == 2 ? "\(version).0" : version
        }
        let catalog = ResourceCatalog(
            minorVersion: KubeVersion(configuration.gitVersion).minor, customResources: configuration.customResources)
        guard handler(for: id) == nil, let store = try? KubeStore(catalog: catalog, stateDirectory: directory(of: id))
        else {
            return
        }
        await store.openEventStreams()
        await store.seedCluster(nodes: [], kubeletVersion: configuration.gitVersion)
        // The cluster's own controller manager: it ends when the cluster's event streams are finished.
        let controllers = Controllers(store: store, timings: configuration.controllerTimings)
        Task { await controllers.run() }
        let handler = KubeAPIHandler(store: store, configuration: configuration)
        handlers.withLock { $0[id] = handler }
    }
}
