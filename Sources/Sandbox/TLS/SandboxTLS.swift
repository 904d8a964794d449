import Crypto
import Foundation
import NIOSSL
import X509

/// What the sandbox serves HTTPS with: its certificate authority and the API server's ECDSA P-256 private key.
/// The server certificate is issued from them afresh at every start (valid a year) for `127.0.0.1`, `localhost`
/// and the address the sandbox binds, so a kept authority and key never serve an expired certificate.
public struct SandboxTLS: Sendable {
    public let authority: SandboxCertificateAuthority
    let serverKey: Certificate.PrivateKey

    /// A new authority and server key.
    public static func generate() throws -> SandboxTLS {
        SandboxTLS(authority: try .generate(), serverKey: Certificate.PrivateKey(P256.Signing.PrivateKey()))
    }

    /// An authority and a server key (PKCS#8 PEM) read back from storage.
    public init(authority: SandboxCertificateAuthority, serverKeyPEM: String) throws {
        let key = try P256.Signing.PrivateKey(pemRepresentation: serverKeyPEM)
        self.init(authority: authority, serverKey: Certificate.PrivateKey(key))
    }

    init(authority: SandboxCertificateAuthority, serverKey: Certificate.PrivateKey) {
        self.authority = authority
        self.serverKey = serverKey
    }

    /// The server's private key, PEM-encoded (PKCS#8): a secret.
    public var serverKeyPEM: String {
        get throws { try serverKey.serializeAsPEM().pemString }
    }

    /// The server side of TLS 1.2 and later with a certificate for `host` (and `127.0.0.1`, `localhost`), taking
    /// client certificates of the authority when presented; the HTTP/2 server adds ALPN (`h2`, then `http/1.1`).
    func serverConfiguration(host: String) throws -> TLSConfiguration {
        let hosts = ["127.0.0.1", "localhost"] + (["127.0.0.1", "localhost"].contains(host) ? [] : [host])
        let certificate = try authority.issueServerCertificate(for: serverKey, hosts: hosts)
        let certificatePEM = try certificate.serializeAsPEM().pemString
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(try serverKeyPEM.utf8), format: .pem)))
        configuration.minimumTLSVersion = .tlsv12
        // As a kube-apiserver with `--client-ca-file`: a client may present a certificate, which must then be one
        // this authority issued (the handshake fails otherwise); one without authenticates another way.
        configuration.certificateVerification = .optionalVerification
        configuration.trustRoots = .certificates(
            [try NIOSSLCertificate(bytes: Array(try authority.certificatePEM.utf8), format: .pem)])
        // A closing connection waits this long for the client's close_notify, which an idle pooled connection
        // never sends: not long, so that stopping the sandbox is prompt.
        configuration.shutdownTimeout = .milliseconds(100)
        return configuration
    }
}
