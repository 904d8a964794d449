import Foundation
import HTTP
import KubeAPI
import JSON
import TestSupport
import Testing

/// Client certificates for real: stunnel in front of the sandbox (which it reaches over HTTPS, verifying the
/// sandbox's CA), requiring client certificates from a CA made by the test; the sandbox still checks the token.
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

    /// Runs `body` with the address of a sandbox behind a TLS proxy and the sandbox's token.
    func withTLSSandbox(maxTLSVersion: String? = nil, _ body: (URL, String) async throws -> Void) async throws {
        try await withTLSProxy(maxTLSVersion: maxTLSVersion) { proxy, token in try await body(proxy.url, token) }
    }

    func withTLSProxy(maxTLSVersion: String? = nil, _ body: (TLSProxy, String) async throws -> Void) async throws {
        try await withSandbox { sandbox in
            let proxy = try await TLSProxy.start(
                backendPort: sandbox.port,
                backendAuthority: try directory.write("sandbox-ca.crt", sandbox.certificateAuthorityPEM),
                authority: authority, server: server, in: directory, maxTLSVersion: maxTLSVersion)
            defer { proxy.stop() }
            try await body(proxy, sandbox.token)
        }
    }

    func namespaces(_ connection: ClusterConnection, log: LogCapture? = nil) async throws -> Int {
        let kube = KubeClient(connection: connection, options: .init(retry: .fast, log: log?.handler))
        return try await kube.list(apiVersion: "v1", kind: "Namespace").items.count
    }

    /// Expects listing through `connection` to fail at the TLS handshake, on the first attempt and without a retry.
    func expectTLSRefusal(_ connection: ClusterConnection, sourceLocation: SourceLocation = #_sourceLocation) async {
        let error = await #expect(throws: KubeAPIError.self, sourceLocation: sourceLocation) {
            try await self.namespaces(connection)
        }
        guard case .transport(let failure) = error?.failure else {
            Issue.record(
                "expected a transport failure, got \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
        #expect(failure.kind == .tls, sourceLocation: sourceLocation)
        #expect(error?.attempts == 1, sourceLocation: sourceLocation)
    }

    @Test func clientCertificateFilesRelativeToTheKubeconfig() async throws {
        try await withTLSSandbox { url, token in
            let path = try KubeconfigFixture.write(
                in: directory, server: url, cluster: ["certificate-authority": "tenantctl-test-ca.crt"],
                user: ["client-certificate": "client.crt", "client-key": "client.key", "token": .string(token)])
            #expect(try await namespaces(try KubeconfigLoader(explicitPath: path).connection()) >= 4)
        }
    }

    @Test func inlineCertificateData() async throws {
        try await withTLSSandbox { url, token in
            let path = try KubeconfigFixture.write(
                in: directory, server: url,
                cluster: [
                    "certificate-authority-data": .string(
                        try KubeconfigFixture.base64(ofFile: authority.certificatePath))
                ],
                user: [
                    "client-certificate-data": .string(try KubeconfigFixture.base64(ofFile: client.certificatePath)),
                    "client-key-data": .string(try KubeconfigFixture.base64(ofFile: client.keyPath)),
                    "token": .string(token),
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
        try await withTLSProxy { proxy, token in
            let connection = ClusterConnection(
                server: proxy.url, trust: ServerTrust(certificateAuthority: .file(authority.certificatePath)),
                authentication: Authentication(
                    token: Redacted(token),
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
        try await withTLSSandbox(maxTLSVersion: "TLSv1.2") { url, token in
            let connection = ClusterConnection(
                server: url, trust: ServerTrust(certificateAuthority: .file(authority.certificatePath)),
                authentication: Authentication(token: Redacted(token)))
            await expectTLSRefusal(connection)
        }
    }

    @Test func aServerSignedByAnotherAuthorityIsNotTrusted() async throws {
        let stranger = try TestCertificateAuthority(in: directory, name: "stranger-ca")
        try await withTLSSandbox { url, token in
            let connection = ClusterConnection(
                server: url, trust: ServerTrust(certificateAuthority: .file(stranger.certificatePath)),
                authentication: Authentication(
                    token: Redacted(token),
                    clientCertificate: ClientCertificate(
                        certificate: .file(client.certificatePath), key: .file(client.keyPath))))
            await expectTLSRefusal(connection)
        }
    }

    @Test func insecureSkipTLSVerifyConnectsAndWarns() async throws {
        try await withTLSSandbox { url, token in
            let log = LogCapture()
            let connection = ClusterConnection(
                server: url, trust: ServerTrust(insecureSkipVerify: true),
                authentication: Authentication(
                    token: Redacted(token),
                    clientCertificate: ClientCertificate(
                        certificate: .file(client.certificatePath), key: .file(client.keyPath))))
            let count = try await namespaces(connection, log: log)
            #expect(count >= 4)
            #expect(log.records.contains { $0.level == .warning && $0.message.contains("insecure-skip-tls-verify") })
        }
    }
}
