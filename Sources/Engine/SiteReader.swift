import CloudAPI
import KubeAPI
import TenancyCore

/// Where a tenant's objects live, as read for planning.
struct PlanningSite: Sendable {
    /// The tenant's Kubernetes cluster; nil when it is the tenant's own cluster and does not exist yet.
    var kube: KubeReading?
    var cce: CCEClient?
    /// The CCE cluster that node pools and add-ons go on; nil when it does not exist yet.
    var cloudClusterID: String?
    var facts: ClusterFacts
}

/// A Kubernetes cluster's client and the key its reads are shared under.
struct KubeReading: Sendable {
    var key: String
    var client: KubeClient
}

/// Finds each tenant's site for one planning pass, reading a shared cluster's facts once however many tenants
/// it holds.
actor SiteReader {
    private let connector: ClusterConnector
    private var facts: [String: Task<ClusterFacts, any Error>] = [:]

    init(connector: ClusterConnector) { self.connector = connector }

    func site(of tenant: FleetPlanner.Tenant) async throws -> PlanningSite {
        let cce = try connector.cceClient(for: tenant.cluster)
        switch tenant.decision.layout.site {
        case .shared:
            let (kube, facts) = try await shared(tenant.cluster)
            return PlanningSite(kube: kube, cce: cce, cloudClusterID: tenant.cluster.cce?.clusterID, facts: facts)
        case .own(let new):
            guard let cce else {
                throw PlanningError(messages: [
                    "\(tenant.spec.name) needs a cluster of its own, but \(tenant.cluster.name) has no cce: entry in the inventory"
                ])
            }
            guard let id = try await cce.ownCluster(of: tenant.spec.name)?.id else {
                return PlanningSite(kube: nil, cce: cce, cloudClusterID: nil, facts: .assumed(version: new.version))
            }
            let client = try await cce.kubeClient(clusterID: id)
            return PlanningSite(
                kube: KubeReading(key: "cce:\(id)", client: client), cce: cce, cloudClusterID: id,
                facts: try await ClusterFactsReader.read(client))
        }
    }

    /// A shared cluster's client and facts, read once per kubeconfig and context.
    private func shared(_ cluster: ClusterProfile) async throws -> (KubeReading, ClusterFacts) {
        let key = "\(connector.kubeconfigPath(for: cluster) ?? "")\u{0}\(cluster.kubeconfig.context ?? "")"
        let client = try connector.kubeClient(for: cluster)
        let task = facts[key] ?? Task { try await ClusterFactsReader.read(client) }
        facts[key] = task
        return (KubeReading(key: key, client: client), try await task.value)
    }

    /// The facts a tenant's manifests are rendered with: its shared cluster's, read through Kubernetes alone (no
    /// CCE credentials needed); for a tenant with a cluster of its own, that cluster's once it exists.
    func facts(of tenant: FleetPlanner.Tenant) async throws -> ClusterFacts {
        guard case .shared = tenant.decision.layout.site else { return try await site(of: tenant).facts }
        return try await shared(tenant.cluster).1
    }
}
