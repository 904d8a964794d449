import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// Plans every loaded tenant against its live cluster, each cluster read once for all its tenants; shared by
/// `plan` and `apply`. Problems are printed per tenant.
struct TenantPlans {
    let loaded: PlanInputs.Loaded
    let connector: ClusterConnector

    init(_ loaded: PlanInputs.Loaded, kubeconfig: String?, connection: ConnectionOptions) {
        self.loaded = loaded
        connector = connection.connector(kubeconfigOverride: kubeconfig, inventoryFile: loaded.inventoryFile)
    }

    /// Each tenant's plan with how to reach its cluster; exits 1 after printing every failure.
    func compute(adopt: Bool = false, rebalanceQuota: Bool = false) async throws -> [(plan: Plan, access: RunAccess)] {
        let tenants = loaded.targets.map {
            FleetPlanner.Tenant(spec: $0.tenant.spec, decision: $0.decision, cluster: $0.cluster)
        }
        let planner = FleetPlanner(
            connector: connector, playbook: loaded.playbook, adopt: adopt, rebalanceQuota: rebalanceQuota)
        let results = await planner.plan(tenants)
        var plans: [(Plan, RunAccess)] = []
        var failed = false
        for (target, result) in zip(loaded.targets, results) {
            switch result {
            case .success(let plan):
                let access = RunAccess(
                    tenant: target.tenant.spec.name, decision: target.decision, cluster: target.cluster,
                    connector: connector)
                plans.append((plan, access))
            case .failure(let error as PlanningError):
                target.report(error.messages)
                failed = true
            case .failure(let error):
                target.report(["\(error)"])
                failed = true
            }
        }
        guard !failed else { throw ExitCode(1) }
        return plans
    }
}
