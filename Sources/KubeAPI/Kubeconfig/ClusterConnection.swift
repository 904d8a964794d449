import Foundation
import HTTP
import JSON

/// Everything needed to talk to one cluster: where its API server is, how to trust it, who we are, and the
/// namespace to use when none is given. A resolved kubeconfig context yields one.
public struct ClusterConnection: Sendable, Hashable {
    /// The API server's base URL, e.g. `https://192.168.0.10:5443`.
    public var server: URL
    public var trust: ServerTrust
    public var authentication: Authentication
    /// The context's namespace, `default` when it names none.
    public var namespace: String
    /// The kubeconfig context this came from, if any.
    public var contextName: String?

    public init(
        server: URL, trust: ServerTrust = ServerTrust(), authentication: Authentication = Authentication(),
        namespace: String = "default", contextName: String? = nil
    ) {
        self.server = server
        self.trust = trust
        self.authentication = authentication
        self.namespace = namespace
        self.contextName = contextName
    }

    /// The `spec.cluster` object that an exec plugin with `provideClusterInfo` receives.
    var execClusterInfo: JSONValue {
        var cluster: JSONValue = [
            "server": .string(server.absoluteString), "insecure-skip-tls-verify": .bool(trust.insecureSkipVerify),
        ]
        if case .data(let bytes) = trust.certificateAuthority {
            cluster["certificate-authority-data"] = .string(Data(bytes.revealed).base64EncodedString())
        }
        return cluster
    }
}
