import Foundation

extension CCESigner {
    /// The three parts of an `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` header.
    public struct Authorization: Sendable, Hashable {
        public var accessKey: String
        public var signedHeaders: [String]
        public var signature: String

        public init(accessKey: String, signedHeaders: [String], signature: String) {
            self.accessKey = accessKey
            self.signedHeaders = signedHeaders
            self.signature = signature
        }

        /// Parses a header value; nil when it is not an `SDK-HMAC-SHA256` authorization.
        public init?(header: String) {
            let prefix = CCESigner.algorithm + " "
            guard header.hasPrefix(prefix) else { return nil }
            var fields: [String: String] = [:]
            for part in header.dropFirst(prefix.count).split(separator: ",") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { return nil }
                fields[String(pair[0])] = String(pair[1])
            }
            guard let access = fields["Access"], let signed = fields["SignedHeaders"],
                let signature = fields["Signature"], !access.isEmpty, !signed.isEmpty
            else { return nil }
            self.init(
                accessKey: access, signedHeaders: signed.split(separator: ";").map(String.init), signature: signature)
        }

        /// The header value.
        public var header: String {
            CCESigner.authorization(accessKey: accessKey, signedHeaders: signedHeaders, signature: signature)
        }
    }

    /// Why a signature was refused.
    public enum VerificationFailure: Error, Sendable, Hashable, CustomStringConvertible {
        case missingAuthorization
        case malformedAuthorization
        case missingDate
        case dateSkew
        case headerNotSigned(String)
        case signatureMismatch

        public var description: String {
            switch self {
            case .missingAuthorization: "no Authorization header"
            case .malformedAuthorization:
                "the Authorization header is not SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…"
            case .missingDate: "no valid X-Sdk-Date header"
            case .dateSkew: "X-Sdk-Date is too far from the server's time"
            case .headerNotSigned(let name): "the \(name) header is not among the signed headers"
            case .signatureMismatch: "the signature does not match"
            }
        }
    }

    /// Checks a received request's signature as the API gateway does: the header parses, `x-sdk-date` is
    /// signed, the date is within `maxSkew` of `now`, and the signature recomputed over the listed headers with
    /// the secret key matches. `host` need not be signed: the official Go SDK signs the headers it set itself,
    /// which are `x-sdk-date` (and `x-project-id`, `content-type`…) but not `host`.
    public static func verify(
        _ message: Message, authorization header: String?, secretKey: String, now: Date = Date(),
        maxSkew: TimeInterval = 15 * 60
    ) -> Result<Authorization, VerificationFailure> {
        guard let header else { return .failure(.missingAuthorization) }
        guard let parsed = Authorization(header: header) else { return .failure(.malformedAuthorization) }
        guard let dateText = message.date, let date = parseDate(dateText) else { return .failure(.missingDate) }
        guard abs(date.timeIntervalSince(now)) <= maxSkew else { return .failure(.dateSkew) }
        guard parsed.signedHeaders.contains("x-sdk-date") else { return .failure(.headerNotSigned("x-sdk-date")) }
        let expected = signature(for: message, signedHeaders: parsed.signedHeaders, secretKey: secretKey)
        guard constantTimeEqual(expected, parsed.signature) else { return .failure(.signatureMismatch) }
        return .success(parsed)
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
