import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// Plans every loaded tenant, live or offline; shared by `plan` and `apply`. Problems are printed per tenant.
struct TenantPlans {
    let loaded: PlanInputs.Loaded
    let connector: ClusterConnector

    init(_ loaded: PlanInputs.Loaded, kubeconfig: String?) {
        self.loaded = loaded
        connector = ClusterConnector(kubeconfigOverride: kubeconfig, inventoryFile: loaded.inventoryFile)
    }

    /// Each tenant's plan with how to reach its cluster; exits 1 after printing every failure.
    func compute(offline: Bool, adopt: Bool = false) async throws -> [(plan: Plan, access: RunAccess)] {
        var plans: [(Plan, RunAccess)] = []
        var failed = false
        for target in loaded.targets {
            do {
                let access = RunAccess(
                    tenant: target.tenant.spec.name, decision: target.decision, cluster: target.cluster, connector: connector)
                plans.append((try await plan(target, offline: offline, adopt: adopt), access))
            } catch let error as PlanningError {
                report(target, error.messages)
                failed = true
            } catch {
                report(target, ["\(error)"])
                failed = true
            }
        }
        guard !failed else { throw ExitCode(1) }
        return plans
    }

    private func plan(_ target: PlanInputs.Target, offline: Bool, adopt: Bool) async throws -> Plan {
        guard !offline else { return try target.offlinePlan(loaded.playbook) }
        return try await LivePlanner.plan(
            spec: target.tenant.spec, decision: target.decision, cluster: target.cluster, playbook: loaded.playbook,
            connector: connector, adopt: adopt)
    }

    private func report(_ target: PlanInputs.Target, _ messages: [String]) {
        FileHandle.standardError.write(Data(messages.map { "error: \(target.tenant.spec.name): \($0)\n" }.joined().utf8))
    }
}
