import HTTP

/// How the client proves who it is, as a kubeconfig `users[].user` entry says: a bearer token (inline or
/// from a file, re-read on every request so rotation is picked up; the file wins over the inline token), a
/// client certificate, and/or an exec credential plugin (whose token or certificate wins over the others).
public struct Authentication: Sendable, Hashable {
    public var token: Redacted<String>?
    /// A file whose content is the bearer token.
    public var tokenFile: String?
    public var clientCertificate: ClientCertificate?
    public var exec: ExecConfig?

    public init(
        token: Redacted<String>? = nil, tokenFile: String? = nil, clientCertificate: ClientCertificate? = nil,
        exec: ExecConfig? = nil
    ) {
        self.token = token
        self.tokenFile = tokenFile
        self.clientCertificate = clientCertificate
        self.exec = exec
    }
}

/// An exec credential plugin (`users[].user.exec`): a command whose standard output is an `ExecCredential`.
public struct ExecConfig: Sendable, Hashable {
    /// One `env` entry for the plugin. The value may be sensitive, so it is `Redacted`.
    public struct Variable: Sendable, Hashable, Decodable {
        public var name: String
        public var value: Redacted<String>

        public init(name: String, value: Redacted<String>) {
            self.name = name
            self.value = value
        }
    }

    /// `client.authentication.k8s.io/v1` (or `v1beta1`).
    public var apiVersion: String
    /// An absolute path, or a name looked up on `PATH`.
    public var command: String
    public var args: [String]
    public var env: [Variable]
    /// Shown when the command cannot be found.
    public var installHint: String?
    /// Whether `KUBERNETES_EXEC_INFO` carries the cluster's server and CA.
    public var provideClusterInfo: Bool
    /// `Never`, `IfAvailable` or `Always`; tenantctl never runs plugins interactively.
    public var interactiveMode: String?

    public init(
        apiVersion: String, command: String, args: [String] = [], env: [Variable] = [], installHint: String? = nil,
        provideClusterInfo: Bool = false, interactiveMode: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }
}
