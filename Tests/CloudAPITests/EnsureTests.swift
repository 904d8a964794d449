import CCEModel
import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

@testable import CloudAPI

@Suite struct EnsureTests {
    private let clustersPath = "/projects/\(CCEHarness.projectID)/clusters"

    @Test func createsATaggedClusterWhenNoneHasTheName() async throws {
        try await CCEHarness.with() { harness async throws in
            let outcome = try await harness.client().ensureCluster(Samples.cluster("acme-dedicated"), tenant: "acme")
            #expect(outcome.wasCreated)
            #expect(TenantOwnership.tenant(of: outcome.value) == "acme")
            let body = try JSONValue.parse(try #require(harness.requests(.post, pathSuffix: clustersPath).first?.body))
            #expect(body.value(at: ["spec", "clusterTags"]) == [["key": "tenantctl-tenant", "value": "acme"]])
        }
    }

    @Test func aLostCreateResponseIsResolvedByLookupNotByASecondCreate() async throws {
        try await CCEHarness.with() { harness async throws in
            harness.transport.inject(.init(.post, pathSuffix: clustersPath, fault: .loseResponse))
            let outcome = try await harness.client().ensureCluster(Samples.cluster("acme-dedicated"), tenant: "acme")
            #expect(outcome.value.metadata.name == "acme-dedicated")
            #expect(outcome.wasCreated, "created by this call, so a rollback must delete it")
            #expect(harness.requests(.post, pathSuffix: clustersPath).count == 1)
            #expect(harness.sandbox.server.requestCounts["POST"] == 1, "one create reached the sandbox")
            #expect(try await harness.clusterCount() == 1)
            #expect(harness.logText.contains("looking it up before trying again"))
        }
    }

    @Test func a5xxAfterTheServerActedIsResolvedByLookup() async throws {
        try await CCEHarness.with() { harness async throws in
            let unavailable = CCEHarness.error(503, "CCE.01500001", "Internal error.")
            harness.transport.inject(.init(.post, pathSuffix: clustersPath, fault: .replaceResponse(unavailable)))
            _ = try await harness.client().ensureCluster(Samples.cluster("acme-dedicated"), tenant: "acme")
            #expect(harness.requests(.post, pathSuffix: clustersPath).count == 1)
            #expect(try await harness.clusterCount() == 1)
        }
    }

    @Test func aFailedCreateThatDidNothingIsRetriedAfterTheLookupFindsNothing() async throws {
        try await CCEHarness.with() { harness async throws in
            let unavailable = CCEHarness.error(503, "CCE.01500001", "Internal error.")
            harness.transport.inject(.init(.post, pathSuffix: clustersPath, fault: .respond(unavailable)))
            harness.transport.inject(.init(.post, pathSuffix: clustersPath, fault: .refuseConnection))
            let outcome = try await harness.client().ensureCluster(Samples.cluster("acme-dedicated"), tenant: "acme")
            #expect(outcome.wasCreated)
            #expect(harness.requests(.post, pathSuffix: clustersPath).count == 1)
            #expect(try await harness.clusterCount() == 1)
        }
    }

    @Test func aPlainCreateIsNotRetriedAfterALostResponse() async throws {
        try await CCEHarness.with() { harness async throws in
            harness.transport.inject(.init(.post, pathSuffix: clustersPath, fault: .loseResponse))
            let error = await #expect(throws: CCEError.self) {
                try await harness.client().createCluster(Samples.cluster("tenant-a"))
            }
            #expect(error?.mayHaveSucceeded == true)
            #expect(error?.attempts == 1)
            #expect(try await harness.clusterCount() == 1)
        }
    }

    @Test func adoptsOurOwnClusterWithoutCreating() async throws {
        try await CCEHarness.with() { harness async throws in
            let client = harness.client()
            _ = try await client.createCluster(
                TenantOwnership.tagged(Samples.cluster("acme-dedicated"), tenant: "acme"))
            let outcome = try await client.ensureCluster(Samples.cluster("acme-dedicated"), tenant: "acme")
            #expect(!outcome.wasCreated)
            #expect(harness.requests(.post, pathSuffix: clustersPath).count == 1)
        }
    }

    @Test func refusesAClusterThatIsNotOurs() async throws {
        try await CCEHarness.with() { harness async throws in
            let client = harness.client()
            let foreign = try await client.createCluster(Samples.cluster("acme-dedicated"))
            let untagged = await #expect(throws: OwnershipConflict.self) {
                try await client.ensureCluster(Samples.cluster("acme-dedicated"), tenant: "acme")
            }
            #expect(
                untagged?.description
                    == "cluster \"acme-dedicated\" (\(foreign.id ?? "")) already exists and was not created by tenantctl (it has no tenant tag); refusing to adopt it for tenant \"acme\""
            )
            _ = try await client.createCluster(
                TenantOwnership.tagged(Samples.cluster("globex-dedicated"), tenant: "globex"))
            let other = await #expect(throws: OwnershipConflict.self) {
                try await client.ensureCluster(Samples.cluster("globex-dedicated"), tenant: "acme")
            }
            #expect(other?.owner == "globex")
            #expect(other?.description.contains("belongs to tenant \"globex\"") == true)
            #expect(harness.requests(.post, pathSuffix: clustersPath).count == 2)
        }
    }

    @Test func nodePoolsAreAdoptedByLabelAndLostCreatesResolved() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            let poolsPath = "/clusters/\(cluster)/nodepools"

            harness.transport.inject(.init(.post, pathSuffix: poolsPath, fault: .loseResponse))
            let first = try await client.ensureNodePool(Samples.nodePool("acme-pool"), cluster: cluster, tenant: "acme")
            #expect(first.value.spec.nodeTemplate.k8sTags?[TenantMarks.label] == "acme")
            #expect(harness.requests(.post, pathSuffix: poolsPath).count == 1)

            let again = try await client.ensureNodePool(Samples.nodePool("acme-pool"), cluster: cluster, tenant: "acme")
            #expect(!again.wasCreated)
            #expect(again.value.id == first.value.id)

            _ = try await client.createNodePool(Samples.nodePool("ops-pool", labels: ["team": "ops"]), cluster: cluster)
            let conflict = await #expect(throws: OwnershipConflict.self) {
                try await client.ensureNodePool(Samples.nodePool("ops-pool"), cluster: cluster, tenant: "acme")
            }
            #expect(conflict?.kind == "node pool")
            #expect(conflict?.name == "ops-pool")
            #expect(try await client.nodePools(cluster: cluster).count == 2)
        }
    }

    @Test func addonsAreAdoptedOnTheTenantsClusterOnly() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let client = harness.client()
            let ours = try #require(
                try await client.ensureCluster(Samples.cluster("acme-dedicated"), tenant: "acme").value.id)
            let shared = try #require(try await client.createCluster(Samples.cluster("shared")).id)

            let installed = try await client.ensureAddon(
                CCEAddon(templateName: "autoscaler", clusterID: ours), tenant: "acme")
            #expect(installed.wasCreated)
            let again = try await client.ensureAddon(
                CCEAddon(templateName: "autoscaler", clusterID: ours), tenant: "acme")
            #expect(!again.wasCreated)
            #expect(harness.requests(.post, pathSuffix: "/api/v3/addons").count == 1)

            _ = try await client.installAddon(CCEAddon(templateName: "autoscaler", clusterID: shared))
            await #expect(throws: OwnershipConflict.self) {
                try await client.ensureAddon(CCEAddon(templateName: "autoscaler", clusterID: shared), tenant: "acme")
            }
        }
    }

    @Test func tenantNamesLongerThanATagValueAreRefused() async throws {
        try await CCEHarness.with() { harness async throws in
            await #expect(throws: CCEInputError.self) {
                try await harness.client().ensureCluster(
                    Samples.cluster("x-cluster"), tenant: String(repeating: "t", count: 44))
            }
            #expect(harness.sent.isEmpty)
        }
    }
}
