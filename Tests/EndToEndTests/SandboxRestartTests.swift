import Foundation
import JSON
import TestSupport
import Testing

/// The sandbox keeps what its CCE API made across `sandbox stop` and `start` with the same state directory, as
/// it keeps its Kubernetes objects, and keeps both readable by its owner only (Secrets are among them).
@Suite struct SandboxRestartTests {
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: E2ETenant.repository) }

    @Test(.sandboxOnly("it restarts the sandbox"))
    func nodePoolsAndTheirNodesSurviveARestart() async throws {
        try await E2ETenant.with(cli) { tenant, cluster in
            #expect(try await onOwnThread { try tenant.run(cli, cluster, "apply") }.status == 0)
            let pools = try await tenant.cce(cluster).nodePools(cluster: tenant.clusterID).map(\.metadata.name).sorted()
            #expect(pools == ["\(tenant.name)-pool", "tenantctl-system"])
            let nodes = try await onOwnThread { try cluster.kubectl(["get", "nodes", "-o", "name"]) }

            let directory = cluster.sandboxDirectory.path
            #expect(try await onOwnThread { try cli.run(["sandbox", "stop", "--state-dir", directory]) }.status == 0)
            let restarted = try await onOwnThread {
                try cli.run([
                    "sandbox", "start", "--state-dir", directory, "--cce-delay", "0", "--inventory", tenant.inventory,
                ])
            }
            #expect(restarted.status == 0, "\(restarted.stderr)")

            let kept = try await tenant.cce(cluster).nodePools(cluster: tenant.clusterID).map(\.metadata.name).sorted()
            #expect(kept == pools, "the CCE node pools outlive the restart")
            #expect(try await onOwnThread { try cluster.kubectl(["get", "nodes", "-o", "name"]) } == nodes)
            let plan = try await onOwnThread { try tenant.run(cli, cluster, "plan", ["--detailed-exitcode"]) }
            #expect(plan.status == 0, "the tenant is still as planned: \(plan.stdout)")

            let stored = try FileManager.default.contentsOfDirectory(atPath: "\(directory)/objects")
            #expect(Set(stored).isSuperset(of: ["state.log", "cce.json"]), "\(stored)")
            for file in stored {
                let mode =
                    try FileManager.default.attributesOfItem(atPath: "\(directory)/objects/\(file)")[.posixPermissions]
                    as? Int
                #expect(mode == 0o600, "\(file) is \(String(mode ?? 0, radix: 8))")
            }
            let folder =
                try FileManager.default.attributesOfItem(atPath: "\(directory)/objects")[.posixPermissions] as? Int
            #expect(folder == 0o700)
        }
    }

    @Test func aPortOutOfRangeIsRefused() throws {
        let result = try cli.run(["sandbox", "start", "--port", "70000", "--state-dir", "/nonexistent/never"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--port must be from 0 to 65535, not 70000"), "\(result.stderr)")
    }
}
