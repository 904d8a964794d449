import CloudAPI
import JSON
import KubeAPI
import TenancyCore

/// Plans a fleet of tenants (every tenant of one invocation) against their live clusters, reading each cluster
/// once for all of them: its facts (`/version` and discovery), then one pass of lists for every tenant's steps
/// together (`LiveObjectReader`: one list per kind), and its node pools and add-ons through CCE once
/// (`CloudStateReader`). Rendering and comparing are pure (`TenantPlanner`). A tenant with a cluster of its own is
/// read on that cluster; before it exists, its Kubernetes side is planned against an empty cluster.
public struct FleetPlanner: Sendable {
    /// One tenant to plan: its spec, where it was decided to go, and the inventory cluster.
    public struct Tenant: Sendable {
        public var spec: TenantSpec
        public var decision: Decision
        public var cluster: ClusterProfile

        public init(spec: TenantSpec, decision: Decision, cluster: ClusterProfile) {
            self.spec = spec
            self.decision = decision
            self.cluster = cluster
        }
    }

    public let connector: ClusterConnector
    public let playbook: Playbook
    /// Take over objects that exist without tenantctl's labels (never another tenant's).
    public let adopt: Bool
    /// Divide each tenant's quota toward where it is used (`plan --rebalance-quota`), not as the spec says.
    public let rebalanceQuota: Bool

    public init(connector: ClusterConnector, playbook: Playbook, adopt: Bool = false, rebalanceQuota: Bool = false) {
        self.connector = connector
        self.playbook = playbook
        self.adopt = adopt
        self.rebalanceQuota = rebalanceQuota
    }

    /// A tenant rendered against its site, waiting for the live state.
    struct Rendered: Sendable {
        var tenant: Tenant
        var site: PlanningSite
        var inputs: TenantPlanner.Inputs
        var steps: [RenderedStep]
    }

    /// Each tenant's plan, or why it could not be made, in the order given.
    public func plan(_ tenants: [Tenant]) async -> [Result<Plan, any Error>] {
        let sites = SiteReader(connector: connector)
        let rendered = await concurrently(tenants) { tenant in
            try render(tenant, site: try await sites.site(of: tenant))
        }
        var byCluster: [String: (client: KubeClient, steps: [RenderedStep])] = [:]
        for case .success(let tenant) in rendered {
            guard let kube = tenant.site.kube else { continue }
            byCluster[kube.key, default: (kube.client, [])].steps += tenant.steps
        }
        let clusters = Array(byCluster)
        let reads = await concurrently(clusters) { _, cluster in
            try await LiveObjectReader.read(cluster.steps, client: cluster.client)
        }
        let objects = Dictionary(uniqueKeysWithValues: zip(clusters.map(\.key), reads))
        let pools = CloudSnapshot()
        return await concurrently(Array(rendered.enumerated())) { _, tenant in
            let rendered = try tenant.get()
            let read = try rendered.site.kube.map { kube in try objects[kube.key]?.get() } ?? nil
            return try await plan(rendered, objects: read, cloud: pools)
        }
    }

    /// Each tenant's cluster facts (server version, API versions served), read as `plan` reads them: each cluster
    /// once. For rendering manifests that match what a plan would write.
    public func facts(_ tenants: [Tenant]) async -> [Result<ClusterFacts, any Error>] {
        let sites = SiteReader(connector: connector)
        return await concurrently(tenants) { tenant in try await sites.facts(of: tenant) }
    }

    /// One tenant's plan.
    public func plan(_ tenant: Tenant) async throws -> Plan {
        try await plan([tenant])[0].get()
    }

    func render(_ tenant: Tenant, site: PlanningSite, quota: QuotaAllocation? = nil) throws -> Rendered {
        let inputs = TenantPlanner.Inputs(
            spec: tenant.spec, decision: tenant.decision, cluster: tenant.cluster, facts: site.facts,
            playbook: playbook,
            quota: quota)
        let steps = try TenantPlanner.render(inputs).map { step in
            var step = step
            step.adopt = step.adopt || adopt
            return step
        }
        return Rendered(tenant: tenant, site: site, inputs: inputs, steps: steps)
    }

    /// `rendered` again with its quota divided as the live ResourceQuotas call for (a rebalance asked for or kept);
    /// the same objects, so the live state read for the first rendering still serves.
    private func dividingQuota(_ rendered: Rendered, live: [ObjectKey: JSONValue]) throws -> Rendered {
        let quotas = rendered.steps.liveQuotas(in: live)
        let quota = try QuotaAllocation.live(rendered.tenant.spec, quotas: quotas, rebalance: rebalanceQuota)
        guard quota != rendered.inputs.quota else { return rendered }
        return try render(rendered.tenant, site: rendered.site, quota: quota)
    }

    private func plan(_ rendered: Rendered, objects: LiveObjectReader.Result?, cloud: CloudSnapshot) async throws
        -> Plan
    {
        let rendered = try dividingQuota(rendered, live: objects?.objects ?? [:])
        let (decision, cluster, site) = (rendered.tenant.decision, rendered.tenant.cluster, rendered.site)
        var live = LiveState()
        var notes: [String] = []
        if case .shared = decision.layout.site, site.facts.version != cluster.version {
            notes.append(
                "The inventory says \(cluster.name) runs Kubernetes \(cluster.version), but the server reports \(site.facts.version); the plan follows the server. Update the inventory so that decisions use the right version."
            )
        }
        if let objects {
            live.objects = objects.objects
            live.objectsObserved = true
            notes += objects.unserved.map {
                "\(rendered.inputs.kubernetesCluster) does not serve \($0): applying its steps will fail there."
            }
        }
        if rendered.steps.contains(where: \.isCloud) {
            guard let cce = site.cce else {
                throw PlanningError(messages: [
                    "\(cluster.name) has no cce: entry in the inventory, so its node pools cannot be read"
                ])
            }
            live.cloud = try await CloudStateReader.read(
                rendered.steps, cce: cce, clusterID: site.cloudClusterID, snapshot: cloud)
        }
        var plan = TenantPlanner.plan(rendered.inputs, steps: rendered.steps, live: live, offline: false)
        plan.notes +=
            notes + QuotaNotes.belowUse(rendered.inputs.quota, live: rendered.steps.liveQuotas(in: live.objects))
        return plan
    }
}

extension RenderedStep {
    /// Whether the step acts on a cloud resource.
    var isCloud: Bool {
        if case .cloud = action { return true }
        return false
    }
}
