import CloudAPI
import KubeAPI
import TenancyCore

/// Plans a tenant's offboarding from what its cluster holds: finds where the tenant lives (its own CCE cluster,
/// tagged for it, or the inventory cluster), reads its footprint there and plans the offboarding playbook over
/// it. Returns the plan and how a run reaches the cluster.
public enum LiveOffboarding {
    public static func plan(tenant: String, cluster: ClusterProfile, playbook: Playbook, connector: ClusterConnector)
        async throws
        -> (plan: Plan, access: RunAccess)
    {
        let cce = try connector.cceClient(for: cluster)
        let own = try await cce?.ownCluster(of: tenant)
        let kube: KubeClient
        let poolCluster: String?
        if let cce, let id = own?.id {
            kube = try await cce.kubeClient(clusterID: id)
            poolCluster = id
        } else {
            kube = try connector.kubeClient(for: cluster)
            poolCluster = cluster.cce?.clusterID
        }
        let facts = try await ClusterFactsReader.read(kube)
        let footprint = try await TenantFootprintReader.read(
            tenant: tenant, cluster: own == nil ? cluster.name : tenant, kube: kube, facts: facts, cce: cce,
            poolCluster: poolCluster, ownCluster: own)
        let plan = try OffboardingPlanner.plan(footprint, playbook: playbook, facts: facts)
        return (plan, RunAccess(cluster: cluster, connector: connector, ownCluster: own == nil ? nil : tenant))
    }
}
