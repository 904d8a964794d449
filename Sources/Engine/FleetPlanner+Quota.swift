import JSON
import TenancyCore

extension FleetPlanner {
    /// A tenant's quota as its cluster holds it: the ResourceQuotas the playbook renders for its namespaces, read
    /// with one list (`tenantctl quota`). A tenant whose own cluster does not exist yet holds none.
    public func quota(_ tenant: Tenant) async throws -> QuotaStatus {
        let site = try await SiteReader(connector: connector).site(of: tenant)
        let rendered = try render(tenant, site: site)
        let keys = Set(rendered.steps.quotaKeys.values)
        let steps = rendered.steps.filter { step in
            guard case .kubernetes(_, let object) = step.action, let key = ObjectKey(object: object) else {
                return false
            }
            return keys.contains(key)
        }
        var live: [ObjectKey: JSONValue] = [:]
        if let kube = site.kube { live = try await LiveObjectReader.read(steps, client: kube.client).objects }
        return QuotaStatus(
            spec: tenant.spec, cluster: rendered.inputs.kubernetesCluster, quotas: steps.liveQuotas(in: live))
    }
}
