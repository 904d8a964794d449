import CCEModel
import Foundation
import JSON
import KubeAPI
import Sandbox
import TestSupport
import Testing

@testable import CloudAPI

/// Clusters seeded into the sandbox's CCE API exist, `Available`, from the start, under their own project,
/// and stand for the sandbox's main Kubernetes API: their node pools' Nodes appear there and their
/// `clustercert` points at it.
@Suite struct SeededClusterTests {
    static let project = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    static let seed = CCEConfiguration.SeedCluster(
        id: "7c1e0d2a-5b6f-11ef-9a3c-0255ac100042", name: "shared-prod", version: "v1.31", flavor: "cce.s2.medium",
        category: .turbo, networkMode: .eni, projectID: project)

    @Test func aSeededClusterIsListedAndAvailableUnderItsProject() async throws {
        try await CCEHarness.with(seedClusters: [Self.seed]) { harness async throws in
            let client = harness.client(project: Self.project)
            let listed = try await client.clusters()
            #expect(listed.map(\.id) == [Self.seed.id])

            let cluster = try await client.cluster(id: Self.seed.id)
            #expect(cluster.metadata.name == "shared-prod")
            #expect(cluster.status?.phase == .available)
            #expect(cluster.spec.version == "v1.31")
            #expect(cluster.spec.flavor == "cce.s2.medium")
            #expect(cluster.spec.category == "Turbo")
            #expect(cluster.spec.containerNetwork.mode == .eni)
            #expect(try await client.findCluster(named: "shared-prod")?.id == Self.seed.id)
        }
    }

    @Test func aProjectNeitherConfiguredNorSeededIsForbidden() async throws {
        try await CCEHarness.with(seedClusters: [Self.seed]) { harness async throws in
            let error = await #expect(throws: CCEError.self) {
                _ = try await harness.client(project: "some-other-project").clusters()
            }
            #expect(error?.status == 403)
        }
    }

    @Test func nodePoolsOfASeededClusterPutTheirNodesIntoTheMainAPI() async throws {
        try await CCEHarness.with(delay: 2, seedClusters: [Self.seed]) { harness async throws in
            let client = harness.client(project: Self.project)
            let created = try await client.createNodePool(
                Samples.nodePool("acme-pool", labels: ["tenant": "acme"]), cluster: Self.seed.id)
            let id = try #require(created.id)
            _ = try await client.waitForNodePool(id: id, cluster: Self.seed.id)
            #expect(try await client.nodePools(cluster: Self.seed.id).map(\.id) == [id])

            let root = KubeClient(connection: harness.sandbox.connection())
            let nodes = try await root.list(apiVersion: "v1", kind: "Node", labelSelector: "tenant=acme").items
            #expect(nodes.count == 2)

            try await client.deleteNodePool(id: id, cluster: Self.seed.id)
            try await client.waitForNodePoolDeletion(id: id, cluster: Self.seed.id)
            #expect(try await root.list(apiVersion: "v1", kind: "Node", labelSelector: "tenant=acme").items.isEmpty)
        }
    }

    @Test func addOnsOfASeededClusterInstallIntoTheMainAPI() async throws {
        try await CCEHarness.with(delay: 1, seedClusters: [Self.seed]) { harness async throws in
            let client = harness.client(project: Self.project)
            let addon = try await client.installAddon(CCEAddon(templateName: "web-terminal", clusterID: Self.seed.id))
            _ = try await client.waitForAddon(id: try #require(addon.id), cluster: Self.seed.id)
            #expect(try await client.addons(cluster: Self.seed.id).map(\.id) == [addon.id])

            let root = KubeClient(connection: harness.sandbox.connection())
            let services = try await root.list(
                apiVersion: "v1", kind: "Service", namespace: "kube-system", labelSelector: "app=web-terminal"
            ).items
            #expect(services.count == 1)
        }
    }

    @Test func theClusterCertificateOfASeededClusterPointsAtTheSandboxRoot() async throws {
        try await CCEHarness.with(seedClusters: [Self.seed]) { harness async throws in
            let kubeconfig = try await harness.client(project: Self.project).clusterKubeconfig(id: Self.seed.id)
            let connection = try kubeconfig.connection()
            #expect(connection.server.absoluteString == harness.sandbox.url.absoluteString)

            let marker: JSONValue = [
                "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "seeded-marker"],
            ]
            _ = try await KubeClient(connection: harness.sandbox.connection()).create(marker)
            let seen = try await KubeClient(connection: connection).get(
                ObjectReference(apiVersion: "v1", kind: "Namespace", name: "seeded-marker"))
            #expect(seen.value(at: ["metadata", "name"]) == "seeded-marker")
        }
    }
}
