import NIOCore
import NIOSSL
import SwiftASN1
import X509

/// Who a client certificate names, as a kube-apiserver reads it: the user is the subject's common name, the
/// groups its organizations; the organizational units say which sandbox cluster it was issued for.
struct ClientIdentity: Sendable, Equatable {
    var user: String
    var groups: [String]
    var units: [String]

    /// The identity of the certificate the client presented on the connection carrying `channel` (the
    /// connection itself over HTTP/1.1, a stream of it over HTTP/2); nil without one. The TLS handshake has
    /// already verified it against the sandbox's CA.
    static func presented(on channel: any Channel) async -> ClientIdentity? {
        for candidate in [channel, channel.parent].compactMap({ $0 }) {
            guard let handler = try? await candidate.pipeline.handler(type: NIOSSLServerHandler.self).get() else {
                continue
            }
            let peer = try? await candidate.eventLoop.submit { handler.peerCertificate }.get()
            guard let der = try? peer?.toDERBytes(), let certificate = try? Certificate(derEncoded: der) else {
                return nil
            }
            return ClientIdentity(certificate.subject)
        }
        return nil
    }

    init(user: String, groups: [String], units: [String]) {
        self.user = user
        self.groups = groups
        self.units = units
    }

    private init?(_ subject: DistinguishedName) {
        func values(_ type: ASN1ObjectIdentifier) -> [String] {
            subject.flatMap { $0 }.filter { $0.type == type }.compactMap { String($0.value) }
        }
        guard let user = values(.RDNAttributeType.commonName).first, !user.isEmpty else { return nil }
        self.init(
            user: user, groups: values(.RDNAttributeType.organizationName),
            units: values(.RDNAttributeType.organizationalUnitName))
    }
}
