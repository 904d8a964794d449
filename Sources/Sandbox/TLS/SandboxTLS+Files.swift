import Crypto
import Foundation
import X509

extension SandboxTLS {
    /// The CA certificate's file in a state directory: what clients trust.
    public static let certificateAuthorityFile = "ca.crt"
    /// The CA's private key.
    static let certificateAuthorityKeyFile = "ca.key"
    /// The API server's private key.
    static let serverKeyFile = "server.key"

    /// The TLS material kept in `directory` (`ca.crt`, `ca.key`, `server.key`, each owner-only), read back when
    /// it is there and made and written when it is not, so that a sandbox restarted from the same directory keeps
    /// its authority and the kubeconfigs that trust it stay valid. A missing CA certificate or key makes a new
    /// authority; a missing server key makes a new key.
    public static func loadOrCreate(in directory: URL) throws -> SandboxTLS {
        let caFile = directory.appendingPathComponent(certificateAuthorityFile)
        let caKeyFile = directory.appendingPathComponent(certificateAuthorityKeyFile)
        let serverKeyFile = directory.appendingPathComponent(serverKeyFile)
        let authority: SandboxCertificateAuthority
        if let certificate = try read(caFile), let key = try read(caKeyFile) {
            do {
                authority = try SandboxCertificateAuthority(certificatePEM: certificate, keyPEM: key)
            } catch {
                throw SandboxCertificateAuthority.InvalidMaterial(
                    description: "\(caFile.path) and \(caKeyFile.path) are not a certificate authority: \(error)")
            }
        } else {
            authority = try .generate()
            try PrivateFile.write(Data(try authority.keyPEM.utf8), to: caKeyFile)
            try PrivateFile.write(Data(try authority.certificatePEM.utf8), to: caFile)
        }
        guard let serverKey = try read(serverKeyFile) else {
            let tls = SandboxTLS(authority: authority, serverKey: Certificate.PrivateKey(P256.Signing.PrivateKey()))
            try PrivateFile.write(Data(try tls.serverKeyPEM.utf8), to: serverKeyFile)
            return tls
        }
        do {
            return try SandboxTLS(authority: authority, serverKeyPEM: serverKey)
        } catch {
            throw SandboxCertificateAuthority.InvalidMaterial(
                description: "\(serverKeyFile.path) is not an ECDSA P-256 private key: \(error)")
        }
    }

    /// A file's text; nil when it does not exist.
    private static func read(_ file: URL) throws -> String? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try String(contentsOf: file, encoding: .utf8)
    }
}
