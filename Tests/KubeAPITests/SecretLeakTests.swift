import Foundation
import HTTP
import KubeAPI
import JSON
import Sandbox
import TestSupport
import Testing

/// Drives every failure path that handles a secret — wrong tokens, retries, plugin failures, TLS failures,
/// broken kubeconfigs — captures every log line and every error (described, reflected and dumped), and proves
/// that no token, key or plugin output appears in any of them.
@Suite final class SecretLeakTests {
    let directory: TemporaryDirectory
    let log = LogCapture()
    var errors: [any Error] = []

    static let canaryToken = "canary-token-5d41402abc4b2a76"
    static let pluginToken = "plugin-token-7d793037a0760186"
    static let fileToken = "file-token-e4da3b7fbbce2345"

    init() throws { directory = try TemporaryDirectory() }
    deinit { directory.remove() }

    func capture(_ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected this scenario to fail")
        } catch {
            errors.append(error)
        }
    }

    func client(_ connection: ClusterConnection) -> KubeClient {
        KubeClient(connection: connection, options: .init(retry: .fast, log: log.handler))
    }

    var everythingPrinted: [String] {
        log.text
            + errors.flatMap { error -> [String] in
                var dumped = ""
                dump(error, to: &dumped)
                return [String(describing: error), String(reflecting: error), dumped]
            }
    }

    @Test func noSecretAppearsInAnyErrorOrLogLine() async throws {
        let authority = try TestCertificateAuthority(in: directory)
        let clientCertificate = try authority.issueClient()
        let keyPEM = try clientCertificate.keyPEM()
        let keyBase64 = try KubeconfigFixture.base64(ofFile: clientCertificate.keyPath)
        var secrets = [Self.canaryToken, Self.pluginToken, Self.fileToken, keyBase64]
        secrets += keyPEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)

        try await withSandbox { sandbox in
            secrets.append(sandbox.token)
            let reference = ObjectReference(apiVersion: "v1", kind: "Namespace", name: "default")

            // A wrong token: 401.
            await capture { _ = try await self.client(sandbox.connection(token: Self.canaryToken)).get(reference) }

            // The right token through retries (logged) and then a server that keeps failing.
            sandbox.server.faults.add(
                Fault(path: "/api/v1/namespaces/default", trigger: .first(2), effect: .status(429, retryAfter: 0)))
            sandbox.server.faults.add(Fault(path: "/api/v1/namespaces/kube-system", effect: .status(503)))
            _ = try await client(sandbox.connection()).get(reference)
            await capture {
                _ = try await self.client(sandbox.connection()).get(
                    ObjectReference(apiVersion: "v1", kind: "Namespace", name: "kube-system"))
            }

            // A token file whose token the server rejects.
            let tokenFile = try directory.write("token", Self.fileToken)
            var fromFile = sandbox.connection()
            fromFile.authentication = Authentication(tokenFile: tokenFile)
            await capture { _ = try await self.client(fromFile).get(reference) }

            // Exec plugins: one that fails after printing a token, one whose token is rejected (refreshed, then 401).
            for (name, exitStatus) in [("failing", 1), ("rejected", 0)] {
                let plugin = try directory.write(
                    name,
                    """
                    #!/bin/sh
                    echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"\(Self.pluginToken)"}}'
                    exit \(exitStatus)
                    """, executable: true)
                var viaPlugin = sandbox.connection()
                viaPlugin.authentication = Authentication(
                    exec: ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: plugin))
                await capture { _ = try await self.client(viaPlugin).get(reference) }
            }

            // A client key sent to a server whose certificate is not trusted.
            let proxy = try await TLSProxy.start(
                backendPort: sandbox.port,
                backendAuthority: try directory.write("sandbox-ca.crt", sandbox.certificateAuthorityPEM),
                authority: authority, server: try authority.issueServer(), in: directory)
            defer { proxy.stop() }
            let stranger = try TestCertificateAuthority(in: directory, name: "stranger")
            let untrusted = ClusterConnection(
                server: proxy.url, trust: ServerTrust(certificateAuthority: .file(stranger.certificatePath)),
                authentication: Authentication(
                    token: Redacted(Self.canaryToken),
                    clientCertificate: ClientCertificate(
                        certificate: .file(clientCertificate.certificatePath),
                        key: .data(Redacted(Array(keyPEM.utf8))))))
            await capture { _ = try await self.client(untrusted).get(reference) }
            var dumped = ""
            dump(untrusted, to: &dumped)
            #expect(!secrets.contains { dumped.contains($0) })
        }

        // Broken kubeconfigs around secret fields.
        let badKey = try directory.write(
            "bad-key",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://127.0.0.1:1"}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            users: [{name: u, user: {client-certificate-data: "%%%\(keyBase64)", client-key-data: "\(keyBase64)", token: "\(Self.canaryToken)"}}]
            """)
        await capture { _ = try KubeconfigLoader(explicitPath: badKey).connection() }
        let numericToken = try directory.write("numeric", "users: [{name: u, user: {token: 8675309123456789}}]\n")
        secrets.append("8675309123456789")
        await capture { _ = try KubeconfigLoader.read(numericToken) }

        #expect(errors.count == 8)
        #expect(log.records.contains { $0.message.contains("retrying in") })
        #expect(log.records.contains { $0.message.contains("running exec credential plugin") })
        let printed = everythingPrinted
        // The check below means something only if the scenarios printed: every error in three forms, and the log.
        #expect(printed.count >= 8 * 3 + 2 && printed.allSatisfy { !$0.isEmpty }, "\(printed.count) texts")
        #expect(secrets.count >= 6 && secrets.allSatisfy { $0.count >= 8 }, "the secrets looked for are real ones")
        for secret in secrets {
            let leaks = printed.filter { $0.contains(secret) }
            #expect(leaks.isEmpty, "a secret appears in: \(leaks.first ?? "")")
        }
    }
}
