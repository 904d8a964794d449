import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

@testable import CloudAPI

/// Which states end a wait, as Terraform's state refresh functions decide: `Error` and `Unavailable` fail at
/// once, a deletion that ends in `Error` fails instead of polling to the timeout, and `SoldOut` is waited
/// through, with a warning. The states are answered in place of the sandbox's by the fault-injecting transport.
@Suite struct WaitStateTests {
    /// `object` as a 200 response, its status replaced by `status`.
    private static func reading<T: Encodable>(_ object: T, status: JSONValue) throws -> FaultInjectingTransport.Fault {
        var body = try JSONValue(encoding: object)
        body["status"] = status
        return .respond(.json(200, body))
    }

    @Test func aPoolWaitsThroughSoldOutAndSaysSo() async throws {
        try await CCEHarness.with(delay: 30) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            let pool = try await client.createNodePool(Samples.nodePool("acme-pool"), cluster: cluster)
            let id = try #require(pool.id)
            let soldOut = try Self.reading(pool, status: ["phase": "SoldOut", "currentNode": 0, "creatingNode": 0])
            harness.transport.inject(.init(.get, pathSuffix: "/nodepools/\(id)", fault: soldOut, times: 3))
            let ready = try await client.waitForNodePool(id: id, cluster: cluster)
            #expect(ready.isReady)
            let warnings = harness.log.records.filter { $0.level == .warning }.map(\.message)
            #expect(warnings.count == 1, "\(warnings)")
            #expect(
                warnings.first?.contains("acme-pool (\(id)) is SoldOut: CCE has no capacity for flavor c7.xlarge.2")
                    == true)
        }
    }

    @Test func aPoolThatTurnsToErrorFails() async throws {
        try await CCEHarness.with(delay: 30) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            let pool = try await client.createNodePool(Samples.nodePool("acme-pool"), cluster: cluster)
            let id = try #require(pool.id)
            harness.transport.inject(
                .init(.get, pathSuffix: "/nodepools/\(id)", fault: try Self.reading(pool, status: ["phase": "Error"])))
            let error = await #expect(throws: CCEWaitError.self) {
                try await client.waitForNodePool(id: id, cluster: cluster)
            }
            #expect(error?.reason == .failed(state: "Error", message: nil))
        }
    }

    @Test func deletionsThatEndInErrorFailInsteadOfPollingOn() async throws {
        try await CCEHarness.with(delay: 30) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            let pool = try await client.createNodePool(Samples.nodePool("acme-pool"), cluster: cluster)
            let poolID = try #require(pool.id)
            try await client.deleteNodePool(id: poolID, cluster: cluster)
            harness.transport.inject(
                .init(
                    .get, pathSuffix: "/nodepools/\(poolID)", fault: try Self.reading(pool, status: ["phase": "Error"]),
                    times: 100))
            let poolError = await #expect(throws: CCEWaitError.self) {
                try await client.waitForNodePoolDeletion(id: poolID, cluster: cluster)
            }
            #expect(poolError?.reason == .failed(state: "Error", message: nil))

            let created = try await client.cluster(id: cluster)
            try await client.deleteCluster(id: cluster)
            let failed = try Self.reading(created, status: ["phase": "Error", "message": "Failed to delete the ENI."])
            harness.transport.inject(.init(.get, pathSuffix: "/clusters/\(cluster)", fault: failed, times: 100))
            let clusterError = await #expect(throws: CCEWaitError.self) {
                try await client.waitForClusterDeletion(id: cluster)
            }
            #expect(clusterError?.reason == .failed(state: "Error", message: "Failed to delete the ENI."))
            #expect(harness.clock.sleeps.isEmpty)
        }
    }

    @Test func aClusterThatTurnsUnavailableFails() async throws {
        try await CCEHarness.with(delay: 30) { harness async throws in
            let (client, id) = try await harness.clientAndCluster()
            let created = try await client.cluster(id: id)
            let unavailable = try Self.reading(
                created, status: ["phase": "Unavailable", "reason": "Master nodes are abnormal."])
            harness.transport.inject(.init(.get, pathSuffix: "/clusters/\(id)", fault: unavailable))
            let error = await #expect(throws: CCEWaitError.self) { try await client.waitForCluster(id: id) }
            #expect(error?.reason == .failed(state: "Unavailable", message: "Master nodes are abnormal."))
        }
    }
}
