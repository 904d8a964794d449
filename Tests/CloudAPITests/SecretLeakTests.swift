import Foundation
import KubeAPI
import TestSupport
import Testing

@testable import CloudAPI

/// No secret key, password or token in any log line, error description or credentials description.
@Suite struct SecretLeakTests {
    private func assertClean(_ text: String, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation)
    {
        for secret in CCEHarness.secrets + extra {
            #expect(!text.contains(secret), "leaked \(secret.prefix(4))…", sourceLocation: sourceLocation)
        }
    }

    @Test func aFullRunWithFailuresLeaksNothing() async throws {
        for credentials in [CCEHarness.accessKey, CCEHarness.passwordLogin] {
            try await CCEHarness.with(delay: 1) { harness async throws in
                let client = harness.client(credentials)
                var errors: [String] = []
                harness.transport.inject(.init(.post, pathSuffix: "/clusters", fault: .loseResponse))
                harness.transport.inject(
                    .init(.get, pathSuffix: "/clusters", fault: .respond(CCEHarness.error(503, "CCE.01500001", "x"))))
                let cluster = try await client.ensureCluster(Samples.cluster("acme-dedicated"), tenant: "acme").value
                let id = try #require(cluster.id)
                _ = try await client.waitForCluster(id: id)
                let kubeconfig = try await client.clusterKubeconfig(id: id)
                do { _ = try await client.cluster(id: "missing") } catch { errors.append("\(error)") }
                do { _ = try await client.ensureCluster(Samples.cluster("acme-dedicated"), tenant: "globex") } catch {
                    errors.append("\(error)")
                }
                harness.transport.inject(
                    .init(
                        .get, pathSuffix: "/clusters", fault: .respond(CCEHarness.error(401, "CCE.01401001", "no")),
                        times: 3))
                do { _ = try await client.clusters() } catch { errors.append(String(reflecting: error)) }
                #expect(errors.count == 3)
                let keyData = try #require(kubeconfig.users.first?.user.clientKeyData?.revealed)
                assertClean(
                    harness.logText + errors.joined() + "\(credentials)" + String(reflecting: credentials), [keyData])
                assertClean("\(kubeconfig)", [keyData])
                #expect(harness.log.records.count > 5)
            }
        }
    }

    @Test func signedRequestsKeepTheSecretKeyOffTheWire() async throws {
        try await CCEHarness.with() { harness async throws in
            _ = try await harness.client().clusters()
            for request in harness.sent {
                let wire =
                    request.headers.map { "\($0.name): \($0.value)" }.joined() + (request.authorization?.revealed ?? "")
                assertClean(wire)
            }
        }
    }
}
