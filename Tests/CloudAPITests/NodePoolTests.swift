import CCEModel
import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

@testable import CloudAPI

@Suite struct NodePoolTests {
    @Test func createSendsTheReferenceKeysAndWaitsUntilReady() async throws {
        try await CCEHarness.with(delay: 2) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            let created = try await client.createNodePool(
                Samples.nodePool("acme-pool", labels: ["tenant": "acme"]), cluster: cluster)
            let id = try #require(created.id)
            #expect(!created.isReady)

            let post = try #require(harness.requests(.post, pathSuffix: "/clusters/\(cluster)/nodepools").first)
            let body = try JSONValue.parse(try #require(post.body))
            let template = try #require(body.value(at: ["spec", "nodeTemplate"]))
            let script = Data("sed -i s/AlwaysAllow/Webhook/g kubelet.yaml".utf8).base64EncodedString()
            #expect(template.value(at: ["extendParam", "alpha.cce/postInstall"]) == .string(script))
            #expect(template.value(at: ["extendParam", "maxPods"]) == 110)
            #expect(template["k8sTags"] == ["tenant": "acme"])
            #expect(template["taints"] == [["key": "tenant", "value": "acme", "effect": "NoSchedule"]])
            #expect(template.value(at: ["runtime", "name"]) == "containerd")
            #expect(template["flavor"] == "c7.xlarge.2")
            #expect(body.value(at: ["spec", "initialNodeCount"]) == 2)
            #expect(body.value(at: ["spec", "autoscaling"]) == ["enable": true, "minNodeCount": 1, "maxNodeCount": 5])

            // As CCE's, the create response already reads phase "" but has no node yet.
            #expect(created.status == CCENodePool.Status(phase: "", currentNode: 0, creatingNode: 2, deletingNode: 0))
            let ready = try await client.waitForNodePool(id: id, cluster: cluster)
            #expect(ready.isReady)
            #expect(ready.status?.currentNode == 2 && ready.status?.creatingNode == 0)
            #expect(harness.clock.sleeps.first == CCEHarness.polling.initialInterval)
            #expect(
                ready.spec.nodeTemplate.extendParam?.postInstallScript == "sed -i s/AlwaysAllow/Webhook/g kubelet.yaml")
            #expect(try await client.findNodePool(named: "acme-pool", cluster: cluster)?.id == id)
        }
    }

    @Test func anUpdateSendsTheUpdateSchemaAndLeavesTheAutoscalersCountAlone() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            var pool = try await client.createNodePool(Samples.nodePool("acme-pool"), cluster: cluster)
            let id = try #require(pool.id)
            pool = try await client.waitForNodePool(id: id, cluster: cluster)
            pool.spec.initialNodeCount = 4
            pool.spec.autoscaling?.maxNodeCount = 8
            pool.spec.nodeTemplate.rootVolume?.size = 80
            let updated = try await client.updateNodePool(pool, id: id, cluster: cluster)
            // The autoscaler owns the count: it is not sent, and the pool keeps its 2 nodes.
            #expect(updated.spec.initialNodeCount == 2)
            #expect(updated.spec.autoscaling?.maxNodeCount == 8)
            #expect(updated.spec.nodeTemplate.rootVolume?.size == 80)
            #expect(updated.spec.nodeTemplate.k8sTags?["cce.cloud.com/cce-nodepool"] == "acme-pool")
            let put = try JSONValue.parse(
                try #require(harness.requests(.put, pathSuffix: "/nodepools/\(id)").last?.body))
            #expect(put["metadata"] == ["name": "acme-pool"])
            #expect(put.value(at: ["spec", "ignoreInitialNodeCount"]) == true)
            #expect(put.value(at: ["spec", "initialNodeCount"]) == nil)
            let template = try #require(put.value(at: ["spec", "nodeTemplate"])?.objectValue)
            #expect(
                template.keys.sorted() == [
                    "dataVolumesUpdate", "extendParam", "k8sTags", "os", "rootVolumeUpdate", "runtime", "taints",
                ])
            #expect(template["k8sTags"] == [:], "CCE's own label is not sent back")

            // Without autoscaling the count is the update's.
            pool.spec.autoscaling = CCENodePool.Autoscaling(enable: false)
            pool.spec.initialNodeCount = 3
            let resized = try await client.updateNodePool(pool, id: id, cluster: cluster)
            #expect(resized.spec.initialNodeCount == 3)
            let second = try JSONValue.parse(
                try #require(harness.requests(.put, pathSuffix: "/nodepools/\(id)").last?.body))
            #expect(second.value(at: ["spec", "initialNodeCount"]) == 3)
            #expect(second.value(at: ["spec", "ignoreInitialNodeCount"]) == nil)
        }
    }

    @Test func readinessIsTheNodeCountNotThePhase() throws {
        // The create response of CCE's API reference: phase "" and no node yet.
        var pool = Samples.nodePool("acme-pool")
        pool.status = CCENodePool.Status(phase: "", currentNode: 0)
        #expect(!pool.isReady)
        pool.status = CCENodePool.Status(phase: "", currentNode: 2, creatingNode: 1)
        #expect(!pool.isReady)
        pool.status = CCENodePool.Status(phase: "Synchronized", currentNode: 2, creatingNode: 0)
        #expect(pool.isReady)
        pool.status = nil
        #expect(!pool.isReady)
        pool.status = CCENodePool.Status(currentNode: 1, creatingNode: 1)
        #expect(pool.progress == "1 of 2 nodes, 1 being created")
    }

    @Test func everyCallSaysItsContentIsJSONBodilessOnesToo() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            let id = try #require(try await client.createNodePool(Samples.nodePool("acme-pool"), cluster: cluster).id)
            _ = try await client.nodePool(id: id, cluster: cluster)
            try await client.deleteNodePool(id: id, cluster: cluster)
            #expect(Set(harness.sent.map(\.method)) == [.post, .get, .delete])
            for request in harness.sent {
                #expect(request.header("Content-Type") == "application/json", "\(request.method) \(request.url.path)")
            }
        }
    }

    @Test func deleteWaitsUntilThePoolIsGone() async throws {
        try await CCEHarness.with(delay: 3) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            let id = try #require(try await client.createNodePool(Samples.nodePool("acme-pool"), cluster: cluster).id)
            try await client.deleteNodePool(id: id, cluster: cluster)
            try await client.waitForNodePoolDeletion(id: id, cluster: cluster)
            #expect(try await client.nodePools(cluster: cluster).isEmpty)
            #expect(harness.requests(.get, pathSuffix: "/nodepools/\(id)").count == 3)
        }
    }

    @Test func aPoolWithoutALoginOrANamedZoneIsRefusedAsCCERefusesIt() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            var anonymous = Samples.nodePool("acme-pool")
            anonymous.spec.nodeTemplate.login = nil
            let noLogin = await #expect(throws: CCEError.self) {
                try await client.createNodePool(anonymous, cluster: cluster)
            }
            #expect(noLogin?.status == 400)
            #expect(
                "\(noLogin.map { "\($0)" } ?? "")".contains("spec.nodeTemplate.login needs an sshKey or a userPassword")
            )

            var anywhere = Samples.nodePool("acme-pool")
            anywhere.spec.nodeTemplate.az = "random"
            let random = await #expect(throws: CCEError.self) {
                try await client.createNodePool(anywhere, cluster: cluster)
            }
            #expect(random?.status == 400)
            #expect(try await client.nodePools(cluster: cluster).isEmpty)
        }
    }
}
