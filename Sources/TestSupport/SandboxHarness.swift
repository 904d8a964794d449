import Foundation
import HTTP
import KubeAPI
import JSON
import Sandbox

/// A sandbox API server running for the length of one test body.
public struct RunningSandbox: Sendable {
    public let server: SandboxServer
    /// `https://127.0.0.1:PORT`.
    public let url: URL
    /// The bearer token the sandbox accepts.
    public let token: String

    /// The sandbox's CA certificate (PEM), which its server certificate chains to.
    public var certificateAuthorityPEM: String { server.certificateAuthorityPEM }

    /// Trust in the sandbox's CA alone, as its kubeconfig's `certificate-authority-data` gives it.
    public var trust: ServerTrust {
        ServerTrust(certificateAuthority: .data(Redacted(Array(certificateAuthorityPEM.utf8))))
    }

    /// The kubeconfig `cluster` fields that trust the sandbox (`certificate-authority-data`), for fixtures.
    public var kubeconfigCluster: JSONValue {
        ["certificate-authority-data": .string(Data(certificateAuthorityPEM.utf8).base64EncodedString())]
    }

    /// A connection to the sandbox, verifying it against its CA, with its token (or another).
    public func connection(token: String? = nil, namespace: String = "default") -> ClusterConnection {
        ClusterConnection(
            server: url, trust: trust, authentication: Authentication(token: Redacted(token ?? self.token)),
            namespace: namespace)
    }

    /// The port the sandbox listens on, e.g. for a TLS proxy in front of it.
    public var port: Int { url.port ?? 0 }
}

/// Starts a sandbox on 127.0.0.1 (a free port), runs `body`, and stops the sandbox whatever happens.
/// - Parameter configure: adjusts the configuration, whose token is random by default.
public func withSandbox<T>(
    configure: (inout SandboxConfiguration) -> Void = { _ in }, _ body: (RunningSandbox) async throws -> T
) async throws -> T {
    var configuration = SandboxConfiguration(token: "sandbox-\(UUID().uuidString)", controllerTimings: .fast)
    configure(&configuration)
    let server = try SandboxServer(configuration: configuration)
    let url = try await server.start()
    do {
        let result = try await body(RunningSandbox(server: server, url: url, token: configuration.token))
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
