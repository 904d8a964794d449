import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

/// TLS for real: stunnel in front of the sandbox, requiring client certificates from a CA made by the test.
@Suite final class SandboxTLSTests {
    let directory: TemporaryDirectory
    let authority: TestCertificateAuthority
    let server: TestCertificateAuthority.Issued
    let client: TestCertificateAuthority.Issued

    init() throws {
        directory = try TemporaryDirectory()
        authority = try TestCertificateAuthority(in: directory)
        server = try authority.issueServer()
        client = try authority.issueClient()
    }

    deinit { directory.remove() }

    /// Runs `body` with a sandbox behind a TLS proxy; the sandbox trusts the proxy's callers.
    func withTLSSandbox(maxTLSVersion: String? = nil, _ body: (URL) async throws -> Void) async throws {
        try await withTLSProxy(maxTLSVersion: maxTLSVersion) { proxy in try await body(proxy.url) }
    }

    func withTLSProxy(maxTLSVersion: String? = nil, _ body: (TLSProxy) async throws -> Void) async throws {
        try await withSandbox(configure: { $0.anonymousAccess = .full }) { sandbox in
            let proxy = try await TLSProxy.start(
                backendPort: sandbox.port, authority: authority, server: server, in: directory,
                maxTLSVersion: maxTLSVersion)
            defer { proxy.stop() }
            try await body(proxy)
        }
    }

    func namespaces(_ connection: ClusterConnection, log: LogCapture? = nil) async throws -> Int {
        let kube = KubeClient(connection: connection, options: .init(retry: .fast, log: log?.handler))
        return try await kube.list(apiVersion: "v1", kind: "Namespace").items.count
    }

    @Test func clientCertificateFilesRelativeToTheKubeconfig() async throws {
        try await withTLSSandbox { url in
            let path = try KubeconfigFixture.write(
                in: directory, server: url, cluster: ["certificate-authority": "tenantctl-test-ca.crt"],
                user: ["client-certificate": "client.crt", "client-key": "client.key"])
            #expect(try await namespaces(try KubeconfigLoader(explicitPath: path).connection()) >= 4)
        }
    }

    @Test func inlineCertificateData() async throws {
        try await withTLSSandbox { url in
            let path = try KubeconfigFixture.write(
                in: directory, server: url,
                cluster: [
                    "certificate-authority-data": .string(
                        try KubeconfigFixture.base64(ofFile: authority.certificatePath))
                ],
                user: [
                    "client-certificate-data": .string(try KubeconfigFixture.base64(ofFile: client.certificatePath)),
                    "client-key-data": .string(try KubeconfigFixture.base64(ofFile: client.keyPath)),
                ])
            let connection = try KubeconfigLoader(explicitPath: path).connection()
            guard case .data = connection.trust.certificateAuthority else {
                Issue.record("expected inline CA data")
                return
            }
            #expect(try await namespaces(connection) >= 4)
        }
    }

    @Test func requestsReuseOneConnection() async throws {
        try await withTLSProxy { proxy in
            let connection = ClusterConnection(
                server: proxy.url, trust: ServerTrust(certificateAuthority: .file(authority.certificatePath)),
                authentication: Authentication(
                    clientCertificate: ClientCertificate(
                        certificate: .file(client.certificatePath), key: .file(client.keyPath))))
            let kube = KubeClient(connection: connection)
            let before = try proxy.acceptedConnections()
            for _ in 0..<5 {
                _ = try await kube.get(ObjectReference(apiVersion: "v1", kind: "Namespace", name: "default"))
            }
            let accepted = try proxy.acceptedConnections() - before
            #expect(accepted == 1)
        }
    }

    @Test func withoutAClientCertificateTheServerRefuses() async throws {
        try await withTLSSandbox(maxTLSVersion: "TLSv1.2") { url in
            let connection = ClusterConnection(
                server: url, trust: ServerTrust(certificateAuthority: .file(authority.certificatePath)))
            let error = await #expect(throws: KubeAPIError.self) { try await self.namespaces(connection) }
            guard case .transport(let failure) = error?.failure else {
                Issue.record("expected a transport failure, got \(String(describing: error))")
                return
            }
            #expect(failure.kind == .tls)
            #expect(error?.attempts == 1)
        }
    }

    @Test func aServerSignedByAnotherAuthorityIsNotTrusted() async throws {
        let stranger = try TestCertificateAuthority(in: directory, name: "stranger-ca")
        try await withTLSSandbox { url in
            let connection = ClusterConnection(
                server: url, trust: ServerTrust(certificateAuthority: .file(stranger.certificatePath)),
                authentication: Authentication(
                    clientCertificate: ClientCertificate(
                        certificate: .file(client.certificatePath), key: .file(client.keyPath))))
            let error = await #expect(throws: KubeAPIError.self) { try await self.namespaces(connection) }
            guard case .transport(let failure) = error?.failure else {
                Issue.record("expected a transport failure, got \(String(describing: error))")
                return
            }
            #expect(failure.kind == .tls)
            #expect(error?.attempts == 1)
        }
    }

    @Test func insecureSkipTLSVerifyConnectsAndWarns() async throws {
        try await withTLSSandbox { url in
            let log = LogCapture()
            let connection = ClusterConnection(
                server: url, trust: ServerTrust(insecureSkipVerify: true),
                authentication: Authentication(
                    clientCertificate: ClientCertificate(
                        certificate: .file(client.certificatePath), key: .file(client.keyPath))))
            let count = try await namespaces(connection, log: log)
            #expect(count >= 4)
            #expect(log.records.contains { $0.level == .warning && $0.message.contains("insecure-skip-tls-verify") })
        }
    }
}
