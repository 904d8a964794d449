import CloudAPI
import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl plan` reads node pools through the CCE API (the sandbox's, standing in for the inventory's
/// cluster): a missing pool is a create, the pool created from the plan's own body is unchanged, and a pool
/// resized behind tenantctl's back shows exactly that field.
@Suite struct PlanCloudEndToEndTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let project = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

    @Test func nodePoolsArePlannedThroughTheCCEAPI() async throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-cce-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clusterID = UUID().uuidString.lowercased()
        let tenant = E2ECluster.uniqueName("cce")
        let inventory = folder.appendingPathComponent("clusters.yaml").path
        let spec = folder.appendingPathComponent("\(tenant).yaml").path
        try """
        apiVersion: tenantctl.io/v1
        kind: ClusterInventory
        clusters:
          - name: e2e-cce
            cce: {region: ap-southeast-1, projectID: \(Self.project), clusterID: \(clusterID)}
            version: v1.31
            networkMode: tunnel
            containerCIDR: 10.0.0.0/16
            apiServerAddress: 192.168.0.10
            flavor: cce.s2.medium
            sharedNodes: {flavor: c7.2xlarge.2, count: 4}
        """.write(toFile: inventory, atomically: true, encoding: .utf8)
        try """
        apiVersion: tenantctl.io/v1
        kind: Tenant
        metadata: {name: \(tenant)}
        spec:
          trust: partner
          cluster: e2e-cce
          owners: [{group: \(tenant)-admins}]
          namespaces: [\(tenant)-app]
          quota: {cpu: "4", memory: 8Gi, storage: 20Gi, pods: 20, services: 5,
                  deployments: 5, statefulsets: 2, persistentVolumeClaims: 4}
          network: {isolation: strict}
          nodePool: {flavor: c7.2xlarge.2, nodes: 2}
        """.write(toFile: spec, atomically: true, encoding: .utf8)

        let cluster = try await onOwnThread { try E2ECluster.start(cli: cli, inventory: inventory) }
        defer { cluster.stop(cli: cli) }
        let environment = try cluster.cceEnvironment()
        let plan: @Sendable () throws -> JSONValue = {
            let result = try cli.run(
                ["plan", spec, "--inventory", inventory, "--kubeconfig", cluster.kubeconfig, "-o", "json"], environment: environment)
            guard result.status == 0 else { throw Tool.Failure(command: "tenantctl plan", status: result.status, stderr: result.stderr) }
            return try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        }
        func pool(_ report: JSONValue, _ name: String) -> JSONValue? {
            report["plans"]?.arrayValue?.first?["changes"]?.arrayValue?.first {
                $0["target"] == ["type": "cloud", "resource": "nodePool", "name": .string(name)]
            }
        }

        let fresh = try await onOwnThread(plan)
        let wanted = try #require(pool(fresh, "\(tenant)-pool"))
        #expect(wanted["action"] == "create")
        #expect(pool(fresh, "tenantctl-system")?["action"] == "create")

        let cce = CCEClient(
            endpoints: try CCEClient.Endpoints.resolve(region: "ap-southeast-1", environment: environment),
            credentials: try CCECredentialsLoader(environment: environment).load(projectID: Self.project))
        let body = try JSONDecoder().decode(CCENodePool.self, from: try #require(wanted["desired"]).jsonData())
        var created = try await cce.createNodePool(body, cluster: clusterID)
        let converged = try await onOwnThread(plan)
        #expect(pool(converged, "\(tenant)-pool")?["action"] == "no-op", "\(String(describing: pool(converged, "\(tenant)-pool")))")
        #expect(pool(converged, "tenantctl-system")?["action"] == "create")

        created.spec.initialNodeCount = 5
        _ = try await cce.updateNodePool(created, id: try #require(created.metadata.uid), cluster: clusterID)
        let resized = try #require(pool(try await onOwnThread(plan), "\(tenant)-pool"))
        #expect(resized["action"] == "update")
        #expect(resized["fields"] == [["path": "spec.initialNodeCount", "before": 5, "after": 2]])
    }
}
