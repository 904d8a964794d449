import Crypto
import Foundation
import X509

/// Client certificates, as CCE's `clustercert` gives them: a kube-apiserver authenticates their holder as the
/// subject's common name (the user) in the subject's organizations (the groups).
extension SandboxCertificateAuthority {
    /// A new ECDSA P-256 key and a certificate for it, valid `days` from `now`, for client authentication as
    /// `user` in `groups`; `unit` (the subject's organizational unit) names the cluster it is for.
    public func issueClientCredentials(
        user: String, groups: [String], unit: String? = nil, days: Int, now: Date = Date()
    ) throws -> (certificatePEM: String, keyPEM: String) {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = try DistinguishedName {
            for group in groups { OrganizationName(group) }
            if let unit { OrganizationalUnitName(unit) }
            CommonName(user)
        }
        let issued = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(Double(days) * 86400),
            issuer: certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.clientAuth])
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier)
            },
            issuerPrivateKey: self.key)
        return (try issued.serializeAsPEM().pemString, try key.serializeAsPEM().pemString)
    }
}
