import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// Plans every loaded tenant, live or offline; shared by `plan` and `apply`. Live, each cluster is read once for
/// all its tenants. Problems are printed per tenant.
struct TenantPlans {
    let loaded: PlanInputs.Loaded
    let connector: ClusterConnector

    init(_ loaded: PlanInputs.Loaded, kubeconfig: String?, connection: ConnectionOptions) {
        self.loaded = loaded
        connector = connection.connector(kubeconfigOverride: kubeconfig, inventoryFile: loaded.inventoryFile)
    }

    /// Each tenant's plan with how to reach its cluster; exits 1 after printing every failure.
    func compute(offline: Bool, adopt: Bool = false) async throws -> [(plan: Plan, access: RunAccess)] {
        let results: [Result<Plan, any Error>]
        if offline {
            results = loaded.targets.map { target in
                Result {
                    let inputs = target.inputs(loaded.playbook, facts: target.assumedFacts)
                    return TenantPlanner.plan(inputs, steps: try TenantPlanner.render(inputs), live: LiveState(), offline: true)
                }
            }
        } else {
            let tenants = loaded.targets.map {
                LivePlanner.Tenant(spec: $0.tenant.spec, decision: $0.decision, cluster: $0.cluster)
            }
            results = await LivePlanner(connector: connector, playbook: loaded.playbook, adopt: adopt).plan(tenants)
        }
        var plans: [(Plan, RunAccess)] = []
        var failed = false
        for (target, result) in zip(loaded.targets, results) {
            switch result {
            case .success(let plan):
                let access = RunAccess(
                    tenant: target.tenant.spec.name, decision: target.decision, cluster: target.cluster, connector: connector)
                plans.append((plan, access))
            case .failure(let error as PlanningError):
                report(target, error.messages)
                failed = true
            case .failure(let error):
                report(target, ["\(error)"])
                failed = true
            }
        }
        guard !failed else { throw ExitCode(1) }
        return plans
    }

    private func report(_ target: PlanInputs.Target, _ messages: [String]) {
        FileHandle.standardError.write(Data(messages.map { "error: \(target.tenant.spec.name): \($0)\n" }.joined().utf8))
    }
}
