/// PEM material from a file or held in memory (kubeconfig `*-data` fields, exec plugin output).
/// In-memory bytes are `Redacted`: certificate and key data never print.
public enum PEMSource: Sendable, Hashable, CustomStringConvertible {
    case file(String)
    case data(Redacted<[UInt8]>)

    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .data: "inline data"
        }
    }
}

/// How the client verifies the API server's certificate.
public struct ServerTrust: Sendable, Hashable {
    /// The CA bundle that signed the server certificate; nil trusts the system's CAs.
    public var certificateAuthority: PEMSource?
    /// `insecure-skip-tls-verify`: accept any server certificate. The transport logs a warning.
    public var insecureSkipVerify: Bool

    public init(certificateAuthority: PEMSource? = nil, insecureSkipVerify: Bool = false) {
        self.certificateAuthority = certificateAuthority
        self.insecureSkipVerify = insecureSkipVerify
    }
}

/// A client certificate and its private key, presented in the TLS handshake.
public struct ClientCertificate: Sendable, Hashable {
    public var certificate: PEMSource
    public var key: PEMSource

    public init(certificate: PEMSource, key: PEMSource) {
        self.certificate = certificate
        self.key = key
    }
}
