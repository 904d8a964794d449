import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

@testable import CloudAPI

@Suite struct ClusterTests {
    @Test func createGetListAndTheWireShape() async throws {
        try await CCEHarness.with() { harness async throws in
            let client = harness.client()
            let created = try await client.createCluster(Samples.cluster("tenant-a"))
            let id = try #require(created.id)
            #expect(created.status?.phase == .creating)
            #expect(created.status?.jobID?.isEmpty == false)

            let post = try #require(
                harness.requests(.post, pathSuffix: "/projects/\(CCEHarness.projectID)/clusters").first)
            let body = try JSONValue.parse(try #require(post.body))
            #expect(body.value(at: ["spec", "hostNetwork", "SecurityGroup"]) == "sg-1")
            #expect(body.value(at: ["spec", "containerNetwork", "mode"]) == "vpc-router")
            #expect(body.value(at: ["spec", "serviceNetwork", "IPv4CIDR"]) == "10.247.0.0/16")
            #expect(body["kind"] == "Cluster")
            #expect(body["apiVersion"] == "v3")
            #expect(post.header("Content-Type") == "application/json")

            let fetched = try await client.cluster(id: id)
            #expect(fetched.metadata.name == "tenant-a")
            #expect(fetched.metadata.creationTimestamp?.hasSuffix("+0000 UTC") == true)
            #expect(try await client.clusters().map(\.metadata.name) == ["tenant-a"])
            #expect(try await client.findCluster(named: "tenant-a")?.id == id)
            #expect(try await client.findCluster(named: "other") == nil)
        }
    }

    @Test func waitForJobAndClusterUntilAvailable() async throws {
        try await CCEHarness.with(delay: 3) { harness async throws in
            let client = harness.client()
            let created = try await client.createCluster(Samples.cluster("tenant-a"))
            let job = try await client.waitForJob(id: try #require(created.status?.jobID))
            #expect(job.status?.phase == .success)
            #expect(job.spec?.clusterUID == created.id)
            let cluster = try await client.waitForCluster(id: try #require(created.id))
            #expect(cluster.status?.phase == .available)
            #expect(harness.clock.sleeps == [.seconds(1), .seconds(2)])
        }
    }

    @Test func waitForClusterFailsOnError() async throws {
        try await CCEHarness.with(delay: 1) { harness async throws in
            let client = harness.client()
            let created = try await client.createCluster(Samples.cluster("will-fail"))
            let error = await #expect(throws: CCEWaitError.self) {
                try await client.waitForCluster(id: created.id ?? "")
            }
            #expect(error?.reason == .failed(state: "Error", message: "Insufficient ECS quota."))
            #expect(error?.description.contains("state Error: Insufficient ECS quota.") == true)
            let jobError = await #expect(throws: CCEWaitError.self) {
                try await client.waitForJob(id: created.status?.jobID ?? "")
            }
            #expect(jobError?.reason == .failed(state: "Failed", message: "Insufficient ECS quota."))
        }
    }

    @Test func waitsTimeOutOnTheInjectedClock() async throws {
        try await CCEHarness.with(delay: 1000) { harness async throws in
            let client = harness.client()
            let created = try await client.createCluster(Samples.cluster("slow-one"))
            let polling = PollingOptions(
                initialInterval: .seconds(10), maxInterval: .seconds(20), timeout: .seconds(120))
            let start = harness.clock.now()
            let error = await #expect(throws: CCEWaitError.self) {
                try await client.waitForCluster(id: created.id ?? "", polling: polling)
            }
            #expect(error?.reason == .timedOut(after: .seconds(120), last: "Creating"))
            #expect(harness.clock.now().timeIntervalSince(start) <= 120)
            let jobError = await #expect(throws: CCEWaitError.self) {
                try await client.waitForJob(id: created.status?.jobID ?? "", polling: polling.timeout(.seconds(30)))
            }
            #expect(jobError?.reason == .timedOut(after: .seconds(30), last: "Running"))
        }
    }

    @Test func deleteSendsOptionsAndWaitsFor404() async throws {
        try await CCEHarness.with(delay: 2) { harness async throws in
            let client = harness.client()
            let id = try #require(try await client.createCluster(Samples.cluster("tenant-a")).id)
            let echoed = try await client.deleteCluster(
                id: id, options: ClusterDeleteOptions(evs: .block, net: .skip, obs: .tryDelete))
            #expect(echoed?.status?.phase == .deleting)
            let delete = try #require(harness.requests(.delete, pathSuffix: "/clusters/\(id)").first)
            #expect(delete.url.query == "delete_evs=true&delete_net=false&delete_obs=try")
            try await client.waitForClusterDeletion(id: id)
            let gone = await #expect(throws: CCEError.self) { try await client.cluster(id: id) }
            #expect(gone?.isNotFound == true)
            #expect(gone?.code == "CCE.01404001")
            #expect(try await client.clusters().isEmpty)
        }
    }

    @Test func kubeconfigPrefersTheExternalContextThatVerifiesTheServerNeverTheOneThatSkipsIt() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let client = harness.client()
            let internalOnly = try #require(try await client.createCluster(Samples.cluster("tenant-a")).id)
            let withEIP = try #require(
                try await client.createCluster(Samples.cluster("tenant-b", externalIP: "203.0.113.7")).id)

            let first = try await client.clusterKubeconfig(id: internalOnly, days: 7)
            #expect(first.currentContext == "internal")
            let server = harness.sandbox.url.appendingPathComponent("clusters/\(internalOnly)").absoluteString
            #expect(try first.connection().server.absoluteString == server)
            #expect(try first.connection().trust == harness.sandbox.trust)
            // As CCE's: the user is a client certificate and its key, not a token.
            let user = try #require(first.users.first?.user)
            #expect(user.token == nil && user.clientCertificateData != nil && user.clientKeyData != nil)
            let request = try #require(
                harness.requests(.post, pathSuffix: "/clusters/\(internalOnly)/clustercert").first)
            #expect(try JSONValue.parse(try #require(request.body)) == ["duration": 7])

            let second = try await client.clusterKubeconfig(id: withEIP)
            // CCE makes `external` current, which skips verification; the client takes `externalTLSVerify`.
            #expect(Set(second.contexts.map(\.name)) == ["internal", "external", "externalTLSVerify"])
            #expect(second.currentContext == "externalTLSVerify")
            let connection = try second.connection()
            #expect(connection.server.absoluteString.hasSuffix("/clusters/\(withEIP)"))
            #expect(connection.trust == harness.sandbox.trust)
            let external = try #require(second.clusters.first { $0.name == "externalCluster" })
            #expect(external.cluster.insecureSkipTLSVerify == true && external.cluster.certificateAuthorityData == nil)
            let namespaces = try await KubeClient(connection: connection).list(apiVersion: "v1", kind: "Namespace")
            #expect(namespaces.items.count >= 4)
            let keyData = try #require(second.users.first?.user.clientKeyData?.revealed)
            #expect(!"\(second)".contains(keyData))
        }
    }

    @Test func aCertificateWhoseOnlyContextSkipsVerificationIsRefused() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (client, id) = try await harness.clientAndCluster()
            let insecure: JSONValue = [
                "kind": "Config", "apiVersion": "v1",
                "clusters": [
                    [
                        "name": "externalCluster",
                        "cluster": ["server": "https://203.0.113.7:5443", "insecure-skip-tls-verify": true],
                    ]
                ],
                "users": [["name": "user", "user": ["token": "x"]]],
                "contexts": [["name": "external", "context": ["cluster": "externalCluster", "user": "user"]]],
                "current-context": "external",
            ]
            harness.transport.inject(.init(.post, pathSuffix: "/clustercert", fault: .respond(.json(200, insecure))))
            let error = await #expect(throws: CCEInputError.self) { try await client.clusterKubeconfig(id: id) }
            #expect(
                error?.message
                    == "the certificate of cluster \(id) has no context that verifies its API server (externalTLSVerify or internal); it has external"
            )
        }
    }
}
