import CloudAPI
import KubeAPI
import TenancyCore

/// The Kubernetes client of the tenant's cluster: the shared cluster's, or — for a tenant with a cluster of its
/// own — one made from that cluster's CCE certificate once the cluster exists (its steps run after it is created).
public actor KubeClientSource {
    private enum Origin {
        case fixed(KubeClient)
        case ownCluster(name: String, cce: CCEClient)
    }

    private let origin: Origin
    private var resolved: KubeClient?

    public init(client: KubeClient) { origin = .fixed(client) }

    public init(ownCluster name: String, cce: CCEClient) { origin = .ownCluster(name: name, cce: cce) }

    /// The client; nil when the tenant's own cluster does not exist yet.
    public func client() async throws -> KubeClient? {
        switch origin {
        case .fixed(let client): return client
        case .ownCluster(let name, let cce):
            if let resolved { return resolved }
            guard let cluster = try await cce.findCluster(named: name), let id = cluster.metadata.uid else {
                return nil
            }
            let client = try await cce.kubeClient(clusterID: id)
            resolved = client
            return client
        }
    }
}
