import HTTP

/// A kubeconfig file as kubectl reads it: clusters, users and contexts by name, and the current context.
/// Fields use kubectl's names (`certificate-authority-data`, `client-key`, `tokenFile`, …); unknown fields
/// are ignored. Secret fields are `Redacted`.
public struct Kubeconfig: Sendable, Hashable, Decodable {
    /// A `clusters[]` entry.
    public struct NamedCluster: Sendable, Hashable, Decodable {
        public var name: String
        public var cluster: Cluster
    }

    /// Where an API server is and how to trust it.
    public struct Cluster: Sendable, Hashable, Decodable {
        public var server: String?
        public var certificateAuthority: String?
        /// Base64 of a PEM bundle.
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool?
        /// Not supported; read only to refuse it rather than connect in a way the user did not ask for.
        public var tlsServerName: String?
        /// Not supported; read only to refuse it.
        public var proxyURL: String?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }
    }

    /// A `users[]` entry.
    public struct NamedUser: Sendable, Hashable, Decodable {
        public var name: String
        public var user: User
    }

    /// Credentials: a token, a token file, a client certificate and key, and/or an exec plugin.
    public struct User: Sendable, Hashable, Decodable {
        public var token: Redacted<String>?
        public var tokenFile: String?
        public var clientCertificate: String?
        /// Base64 of a PEM certificate.
        public var clientCertificateData: Redacted<String>?
        public var clientKey: String?
        /// Base64 of a PEM private key.
        public var clientKeyData: Redacted<String>?
        public var exec: Exec?
        /// Basic authentication and the removed `auth-provider` plugins are not supported; read only to refuse them.
        public var username: String?
        public var authProvider: AuthProvider?

        /// The name of a legacy `auth-provider` entry.
        public struct AuthProvider: Sendable, Hashable, Decodable {
            public var name: String?
        }

        enum CodingKeys: String, CodingKey {
            case token, tokenFile, exec, username
            case authProvider = "auth-provider"
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
        }
    }

    /// An exec credential plugin.
    public struct Exec: Sendable, Hashable, Decodable {
        public var apiVersion: String
        public var command: String
        public var args: [String]?
        public var env: [ExecConfig.Variable]?
        public var installHint: String?
        public var provideClusterInfo: Bool?
        public var interactiveMode: String?
    }

    /// A `contexts[]` entry.
    public struct NamedContext: Sendable, Hashable, Decodable {
        public var name: String
        public var context: Context
    }

    /// A cluster, a user and a default namespace.
    public struct Context: Sendable, Hashable, Decodable {
        public var cluster: String
        public var user: String?
        public var namespace: String?
    }

    public var clusters: [NamedCluster]
    public var users: [NamedUser]
    public var contexts: [NamedContext]
    public var currentContext: String?

    enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }

    public init(
        clusters: [NamedCluster] = [], users: [NamedUser] = [], contexts: [NamedContext] = [],
        currentContext: String? = nil
    ) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clusters = try container.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        users = try container.decodeIfPresent([NamedUser].self, forKey: .users) ?? []
        contexts = try container.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
        currentContext = try container.decodeIfPresent(String.self, forKey: .currentContext)
    }
}
