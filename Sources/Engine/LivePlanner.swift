import CloudAPI
import KubeAPI
import TenancyCore

/// Plans a tenant against its live cluster: reads the cluster's facts, renders the playbook, reads the objects
/// and cloud resources the steps name (one list per kind and namespace), and compares. For a tenant with a
/// cluster of its own that does not exist yet, the Kubernetes side is planned against an empty cluster.
public enum LivePlanner {
    /// - Parameter adopt: take over objects that exist without tenantctl's labels (never another tenant's).
    public static func plan(
        spec: TenantSpec, decision: Decision, cluster: ClusterProfile, playbook: Playbook, connector: ClusterConnector,
        adopt: Bool = false
    ) async throws -> Plan {
        var kube: KubeClient?
        var cloudClusterID: String?
        var facts: ClusterFacts
        let cce = try connector.cceClient(for: cluster)
        switch decision.layout.site {
        case .shared:
            let client = try connector.kubeClient(for: cluster)
            kube = client
            cloudClusterID = cluster.cce?.clusterID
            facts = try await ClusterFactsReader.read(client)
        case .own(let new):
            guard let cce else { throw PlanningError(messages: ["\(spec.name) needs a cluster of its own, but \(cluster.name) has no cce: entry in the inventory"]) }
            facts = .assumed(version: new.version)
            if let id = try await cce.ownCluster(of: spec.name)?.id {
                cloudClusterID = id
                let client = try await cce.kubeClient(clusterID: id)
                kube = client
                facts = try await ClusterFactsReader.read(client)
            }
        }
        let inputs = TenantPlanner.Inputs(spec: spec, decision: decision, cluster: cluster, facts: facts, playbook: playbook)
        let steps = try TenantPlanner.render(inputs).map { step in
            var step = step
            step.adopt = step.adopt || adopt
            return step
        }
        var live = LiveState()
        var notes: [String] = []
        if case .shared = decision.layout.site, facts.version != cluster.version {
            notes.append(
                "The inventory says \(cluster.name) runs Kubernetes \(cluster.version), but the server reports \(facts.version); the plan follows the server. Update the inventory so that decisions use the right version.")
        }
        if let kube {
            let read = try await LiveObjectReader.read(steps, client: kube)
            live.objects = read.objects
            notes += read.unserved.map { "\(inputs.kubernetesCluster) does not serve \($0): applying its steps will fail there." }
        }
        if steps.contains(where: \.isCloud) {
            guard let cce else {
                throw PlanningError(messages: ["\(cluster.name) has no cce: entry in the inventory, so its node pools cannot be read"])
            }
            live.cloud = try await CloudStateReader.read(steps, cce: cce, clusterID: cloudClusterID)
        }
        var plan = TenantPlanner.plan(inputs, steps: steps, live: live, offline: false)
        plan.notes += notes
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
