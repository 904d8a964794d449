import CCEModel
import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

@testable import CloudAPI

/// The sandbox gives every cluster created through CCE a Kubernetes API of its own, reached with the
/// kubeconfig from `clustercert`; node pools and add-ons write into it.
@Suite struct ClusterKubernetesTests {
    /// A cluster created and waited for, and a Kubernetes client from its kubeconfig.
    private func readyCluster(_ harness: CCEHarness, _ name: String) async throws -> (CCEClient, String, KubeClient) {
        let client = harness.client()
        let id = try #require(try await client.createCluster(Samples.cluster(name)).id)
        _ = try await client.waitForCluster(id: id)
        let kubeconfig = try await client.clusterKubeconfig(id: id)
        return (client, id, KubeClient(connection: try kubeconfig.connection()))
    }

    @Test func aNewClusterHasItsOwnKubernetesAPIWithItsNodePoolsNodes() async throws {
        try await CCEHarness.with(delay: 2) { harness async throws in
            let (client, id, kube) = try await readyCluster(harness, "tenant-a")
            let namespaces = try await kube.list(apiVersion: "v1", kind: "Namespace").items
            let names = namespaces.compactMap { $0.value(at: ["metadata", "name"])?.stringValue }
            #expect(names.contains("kube-system"))
            #expect(try await kube.list(apiVersion: "v1", kind: "Node").items.isEmpty)

            let pool = try await client.createNodePool(
                Samples.nodePool("acme-pool", labels: ["tenant": "acme"]), cluster: id)
            _ = try await client.waitForNodePool(id: try #require(pool.id), cluster: id)
            let nodes = try await kube.list(apiVersion: "v1", kind: "Node").items
            #expect(nodes.count == 2)
            for node in nodes {
                #expect(node.value(at: ["metadata", "labels", "tenant"]) == "acme")
                #expect(node.value(at: ["metadata", "labels", "cce.cloud.com/cce-nodepool"]) == "acme-pool")
                #expect(
                    node.value(at: ["spec", "taints"]) == [["key": "tenant", "value": "acme", "effect": "NoSchedule"]])
            }

            // The default cluster at `/` is another cluster: it has none of these nodes.
            let root = KubeClient(connection: harness.sandbox.connection())
            let rootNodes = try await root.list(apiVersion: "v1", kind: "Node").items
            #expect(!rootNodes.contains { $0.value(at: ["metadata", "labels", "tenant"]) == "acme" })

            try await client.deleteNodePool(id: try #require(pool.id), cluster: id)
            try await client.waitForNodePoolDeletion(id: try #require(pool.id), cluster: id)
            #expect(try await kube.list(apiVersion: "v1", kind: "Node").items.isEmpty)
        }
    }

    @Test func installingWebTerminalCreatesItsBindingAndNodePortServiceWhichOutliveIt() async throws {
        try await CCEHarness.with(delay: 1) { harness async throws in
            let (client, id, kube) = try await readyCluster(harness, "tenant-b")
            let addon = try await client.installAddon(CCEAddon(templateName: "web-terminal", clusterID: id))
            _ = try await client.waitForAddon(id: try #require(addon.id), cluster: id)

            let bindings = try await kube.list(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding",
                labelSelector: "app=web-terminal,release=web-terminal"
            ).items
            #expect(bindings.count == 1)
            #expect(bindings.first?.value(at: ["roleRef", "name"]) == "cluster-admin")
            let services = try await kube.list(
                apiVersion: "v1", kind: "Service", namespace: "kube-system", labelSelector: "app=web-terminal"
            ).items
            #expect(services.first?.value(at: ["spec", "type"]) == "NodePort")

            #expect(try await client.removeAddon(templateName: "web-terminal", cluster: id))
            #expect(try await client.addons(cluster: id).isEmpty)
            let left = try await kube.list(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding",
                labelSelector: "app=web-terminal")
            #expect(left.items.count == 1, "the real add-on leaves its binding behind")
        }
    }

    @Test func aCreatedClusterAdmitsOnlyTheClientCertificateIssuedForIt() async throws {
        try await CCEHarness.with(delay: 1) { harness async throws in
            let (client, first, kube) = try await readyCluster(harness, "tenant-d")
            let (_, second, _) = try await readyCluster(harness, "tenant-e")
            #expect(try await kube.list(apiVersion: "v1", kind: "Namespace").items.count >= 4)

            func refused(_ connection: ClusterConnection, _ what: String) async {
                let error = await #expect(throws: KubeAPIError.self, "\(what)") {
                    try await KubeClient(connection: connection).list(apiVersion: "v1", kind: "Namespace")
                }
                #expect(error?.code == 401, "\(what)")
            }
            var withToken = harness.sandbox.connection()
            withToken.server = harness.sandbox.url.appendingPathComponent("clusters/\(first)")
            await refused(withToken, "the sandbox's token is not the created cluster's")
            var otherCertificate = try await client.clusterKubeconfig(id: second).connection()
            otherCertificate.server = withToken.server
            await refused(otherCertificate, "another cluster's certificate")
            otherCertificate.server = harness.sandbox.url
            await refused(otherCertificate, "a created cluster's certificate at the sandbox's own cluster")
        }
    }

    @Test func aCertificateIsIssuedForOneToAboutFiveYears() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (_, id) = try await harness.clientAndCluster()
            let path = "/api/v3/projects/\(CCEHarness.projectID)/clusters/\(id)/clustercert"
            let now = harness.clock.now()
            for body in ["{}", #"{"duration": 0}"#, #"{"duration": 1828}"#, #"{"duration": "30"}"#] {
                let response = try await harness.send(.post, path, body: body, signedAt: now)
                let error = try JSONValue.parse(response.body)
                #expect(response.status == 400 && error["errorCode"] == "CCE.01400001", "\(body)")
            }
            for body in [#"{"duration": 1}"#, #"{"duration": -1}"#] {
                #expect(try await harness.send(.post, path, body: body, signedAt: now).status == 200, "\(body)")
            }
        }
    }

    @Test func aDeletedClustersKubernetesAPIIsGone() async throws {
        try await CCEHarness.with(delay: 1) { harness async throws in
            let (client, id, kube) = try await readyCluster(harness, "tenant-c")
            try await client.deleteCluster(id: id)
            try await client.waitForClusterDeletion(id: id)
            await #expect(throws: (any Error).self) { try await kube.list(apiVersion: "v1", kind: "Namespace") }
        }
    }
}
