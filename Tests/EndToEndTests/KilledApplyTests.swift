import Foundation
import JSON
import TestSupport
import Testing

/// An apply killed with SIGKILL at random points: `resume` converges the tenant, `rollback` restores the cluster
/// exactly (the sandbox slows every write down so that the kill lands mid-run).
@Suite(.serialized) struct KilledApplyTests {
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: E2ETenant.repository) }

    /// Starts `tenantctl apply` for `tenant`, kills it with SIGKILL `delay` after its first journalled write, and
    /// returns the run.
    func applyKilled(after delay: Duration, _ tenant: E2ETenant, _ cluster: E2ECluster) async throws -> String {
        try await tenant.runKilled(
            cli, cluster, ["apply", tenant.spec, "--inventory", tenant.inventory, "--concurrency", "2"], after: delay)
    }

    @Test(arguments: [150, 400, 900, 1600])
    func killedThenResumedConverges(milliseconds: Int) async throws {
        try await E2ETenant.with(cli) { tenant, cluster in
            if cluster.isSandbox {
                try cluster.sandboxAdmin(
                    "POST", "/_sandbox/faults", body: #"{"path": "/**", "method": "POST", "latencyMilliseconds": 120}"#)
            }
            let run = try await applyKilled(after: .milliseconds(milliseconds), tenant, cluster)
            let resumed = try await onOwnThread {
                try cli.run(
                    ["resume", run, "--state-dir", tenant.stateDirectory], environment: try cluster.cceEnvironment())
            }
            #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
            let plan = try await onOwnThread { try tenant.run(cli, cluster, "plan", ["--detailed-exitcode"]) }
            #expect(plan.status == 0, "resumed run \(run) did not converge: \(plan.stdout)")
            let again = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
            #expect(
                again.status == 0 && !again.stdout.contains(" created"),
                "nothing is left to do: \(again.stdout)\(again.stderr)")
            let resumedAgain = try await onOwnThread {
                try cli.run(
                    ["resume", run, "--state-dir", tenant.stateDirectory], environment: try cluster.cceEnvironment())
            }
            #expect(
                resumedAgain.status == 0 && !resumedAgain.stdout.contains(" created"),
                "resume is idempotent: \(resumedAgain.stdout)\(resumedAgain.stderr)")
        }
    }

    @Test(arguments: [150, 400, 900, 1600])
    func killedThenRolledBackRestores(milliseconds: Int) async throws {
        try await E2ETenant.with(cli) { tenant, cluster in
            let before = try await tenant.dump(cluster)
            if cluster.isSandbox {
                try cluster.sandboxAdmin(
                    "POST", "/_sandbox/faults", body: #"{"path": "/**", "method": "POST", "latencyMilliseconds": 120}"#)
            }
            let run = try await applyKilled(after: .milliseconds(milliseconds), tenant, cluster)
            if cluster.isSandbox { try cluster.sandboxAdmin("DELETE", "/_sandbox/faults") }
            var keptSystemPool = false
            for attempt in 1...2 {
                let rolledBack = try await onOwnThread {
                    try cli.run(
                        ["rollback", run, "--state-dir", tenant.stateDirectory],
                        environment: try cluster.cceEnvironment())
                }
                #expect(
                    rolledBack.status == 0 && rolledBack.stdout.contains("rolled back"),
                    "attempt \(attempt): \(rolledBack.stdout)\(rolledBack.stderr)")
                var after = try await tenant.dump(cluster)
                // On a shared cluster other tests' tenants rely on the system pool the run made; the rollback keeps
                // it then, and must say so.
                if rolledBack.stdout.contains("node pool tenantctl-system")
                    && rolledBack.stdout.contains("kept: shared by the cluster's tenants")
                {
                    #expect(!cluster.isSandbox, "the test's own sandbox holds no other tenant: \(rolledBack.stdout)")
                    keptSystemPool = true
                }
                if keptSystemPool {
                    after.removeAll { $0.hasPrefix("NodePool tenantctl-system") && !before.contains($0) }
                }
                #expect(after == before, "attempt \(attempt) left: \(Set(after).symmetricDifference(before).sorted())")
            }
        }
    }
}
