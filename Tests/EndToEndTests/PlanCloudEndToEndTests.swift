import CCEModel
import CloudAPI
import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl plan` reads node pools through the CCE API (the sandbox's, standing in for the inventory's
/// cluster): a missing pool is a create, the pool created from the plan's own body is unchanged, and a pool
/// resized behind tenantctl's back shows exactly that field.
@Suite struct PlanCloudEndToEndTests {
    @Test func nodePoolsArePlannedThroughTheCCEAPI() async throws {
        let cli = try CommandRunner(workingDirectory: E2ETenant.repository)
        let tenant = try E2ETenant()
        defer { tenant.remove() }
        let cluster = try await onOwnThread { try E2ECluster.start(cli: cli, inventory: tenant.inventory) }
        defer { cluster.stop(cli: cli) }
        let plan: @Sendable () throws -> JSONValue = {
            let result = try tenant.run(cli, cluster, "plan", ["-o", "json"])
            guard result.status == 0 else {
                throw Tool.Failure(command: "tenantctl plan", status: result.status, stderr: result.stderr)
            }
            return try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        }
        func pool(_ report: JSONValue, _ name: String) -> JSONValue? {
            report["plans"]?.arrayValue?.first?["changes"]?.arrayValue?.first {
                $0["target"] == ["type": "cloud", "resource": "nodePool", "name": .string(name)]
            }
        }

        let fresh = try await onOwnThread(plan)
        let wanted = try #require(pool(fresh, "\(tenant.name)-pool"))
        #expect(wanted["action"] == "create")
        #expect(pool(fresh, "tenantctl-system")?["action"] == "create")

        let cce = try tenant.cce(cluster)
        let body = try JSONDecoder().decode(CCENodePool.self, from: try #require(wanted["desired"]).jsonData())
        var created = try await cce.createNodePool(body, cluster: tenant.clusterID)
        let converged = try await onOwnThread(plan)
        #expect(
            pool(converged, "\(tenant.name)-pool")?["action"] == "no-op",
            "\(String(describing: pool(converged, "\(tenant.name)-pool")))")
        #expect(pool(converged, "tenantctl-system")?["action"] == "create")

        created.spec.initialNodeCount = 5
        _ = try await cce.updateNodePool(created, id: try #require(created.metadata.uid), cluster: tenant.clusterID)
        let resized = try #require(pool(try await onOwnThread(plan), "\(tenant.name)-pool"))
        #expect(resized["action"] == "update")
        #expect(resized["fields"] == [["path": "spec.initialNodeCount", "before": 5, "after": 2]])
    }
}
