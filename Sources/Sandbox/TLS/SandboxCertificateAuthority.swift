import Crypto
import Foundation
import SwiftASN1
import X509

/// The sandbox's own certificate authority: an ECDSA P-256 key and a self-signed CA certificate, valid ten
/// years, that issues the API server's certificate. Clients trust the sandbox by trusting this certificate
/// (the kubeconfig's `certificate-authority-data`, `TENANTCTL_CCE_CA_FILE`, `curl --cacert`).
///
/// Made in-process with swift-certificates and swift-crypto, so `tenantctl sandbox start` needs no `openssl`.
public struct SandboxCertificateAuthority: Sendable {
    /// Why stored authority material was refused.
    public struct InvalidMaterial: Error, CustomStringConvertible {
        public var description: String
    }

    let certificate: Certificate
    let key: Certificate.PrivateKey

    /// A new authority whose certificate names `commonName`.
    public static func generate(commonName: String = "tenantctl-sandbox-ca", now: Date = Date()) throws -> Self {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let name = try DistinguishedName { CommonName(commonName) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: key.publicKey)
            },
            issuerPrivateKey: key)
        return Self(certificate: certificate, key: key)
    }

    /// The authority kept as PEM: its certificate and its ECDSA P-256 private key, which must belong together.
    public init(certificatePEM: String, keyPEM: String) throws {
        let certificate = try Certificate(pemEncoded: certificatePEM)
        let key = Certificate.PrivateKey(try P256.Signing.PrivateKey(pemRepresentation: keyPEM))
        guard certificate.publicKey == key.publicKey else {
            throw InvalidMaterial(description: "the CA key does not belong to the CA certificate")
        }
        self.init(certificate: certificate, key: key)
    }

    private init(certificate: Certificate, key: Certificate.PrivateKey) {
        self.certificate = certificate
        self.key = key
    }

    /// The CA certificate, PEM-encoded: what clients trust.
    public var certificatePEM: String {
        get throws { try certificate.serializeAsPEM().pemString }
    }

    /// The CA's private key, PEM-encoded (PKCS#8): a secret.
    public var keyPEM: String {
        get throws { try key.serializeAsPEM().pemString }
    }

    /// A server certificate for `serverKey`, valid for a year from `now`, naming every entry of `hosts` as an IP
    /// address SAN when it is an IPv4 address and as a DNS name SAN otherwise.
    func issueServerCertificate(
        for serverKey: Certificate.PrivateKey, hosts: [String], now: Date = Date()
    ) throws -> Certificate {
        let names = hosts.map { host in
            Self.ipv4Bytes(host).map { GeneralName.ipAddress(ASN1OctetString(contentBytes: $0[...])) }
                ?? .dnsName(host)
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: serverKey.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(365 * 86400),
            issuer: certificate.subject, subject: try DistinguishedName { CommonName("tenantctl-sandbox") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
                SubjectKeyIdentifier(hash: serverKey.publicKey)
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier)
            },
            issuerPrivateKey: key)
    }

    /// The four bytes of a dotted IPv4 address; nil for anything else.
    private static func ipv4Bytes(_ host: String) -> [UInt8]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        let bytes = parts.compactMap { UInt8($0) }
        return parts.count == 4 && bytes.count == 4 ? bytes : nil
    }
}
