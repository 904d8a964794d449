import Crypto
import Foundation

/// Huawei Cloud's AK/SK request signature, `SDK-HMAC-SHA256`, computed exactly as the official SDKs do it.
///
/// The pieces are public so that a server (the sandbox) can recompute and check a signature:
/// 1. canonical request = `METHOD\nURI/\nquery\nheaders\nsigned-headers\nhex(sha256(body))`, where the URI is
///    the decoded path with each segment percent-encoded and a trailing `/`, the query has its keys sorted and
///    each value encoded, and the headers are `name:trimmed-value\n` per signed header;
/// 2. string to sign = `SDK-HMAC-SHA256\n<X-Sdk-Date>\nhex(sha256(canonical request))`;
/// 3. signature = hex(hmac-sha256(SK, string to sign)).
///
/// Signed headers are every header except `Content-Type` and names containing `_`, lower-cased and sorted.
public enum CCESigner {
    public static let algorithm = "SDK-HMAC-SHA256"
    public static let dateHeader = "X-Sdk-Date"
    /// The SHA-256 of an empty body, in hex.
    public static let emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// What a signature covers: the request as the client sent it and the server received it.
    public struct Message: Sendable {
        public var method: String
        /// The decoded path, e.g. `/api/v3/projects/p1/clusters` (no trailing slash needed).
        public var path: String
        /// Query parameters, decoded, in any order.
        public var query: [(name: String, value: String)]
        /// Request headers, including `Host` and `X-Sdk-Date`.
        public var headers: [(name: String, value: String)]
        public var body: Data

        public init(
            method: String, path: String, query: [(name: String, value: String)] = [],
            headers: [(name: String, value: String)], body: Data = Data()
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        /// The value of the `X-Sdk-Date` header, if present.
        public var date: String? {
            headers.first { $0.name.caseInsensitiveCompare(CCESigner.dateHeader) == .orderedSame }?.value
        }
    }

    /// The names of the headers the SDK signs: all but `Content-Type` and names with `_`, lower-cased, sorted.
    public static func signedHeaderNames(_ headers: [(name: String, value: String)]) -> [String] {
        let names = headers.map { $0.name.lowercased() }
            .filter { !$0.hasPrefix("content-type") && !$0.contains("_") }
        return Array(Set(names)).sorted()
    }

    /// The canonical request for the given signed headers.
    public static func canonicalRequest(_ message: Message, signedHeaders: [String]) -> String {
        [
            message.method.uppercased(),
            canonicalURI(message.path),
            canonicalQuery(message.query),
            canonicalHeaders(message.headers, signedHeaders: signedHeaders),
            signedHeaders.joined(separator: ";"),
            hexSHA256(message.body),
        ].joined(separator: "\n")
    }

    /// `SDK-HMAC-SHA256\n<date>\nhex(sha256(canonical request))`.
    public static func stringToSign(canonicalRequest: String, date: String) -> String {
        "\(algorithm)\n\(date)\n\(hexSHA256(Data(canonicalRequest.utf8)))"
    }

    /// The hex signature of a message over the given signed headers, with the secret key.
    public static func signature(for message: Message, signedHeaders: [String], secretKey: String) -> String {
        let toSign = stringToSign(
            canonicalRequest: canonicalRequest(message, signedHeaders: signedHeaders), date: message.date ?? "")
        let key = SymmetricKey(data: Data(secretKey.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data(toSign.utf8), using: key)
        return hex(Data(code))
    }

    /// The `Authorization` header value: `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex`.
    public static func authorization(accessKey: String, signedHeaders: [String], signature: String) -> String {
        "\(algorithm) Access=\(accessKey), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
    }

    /// `X-Sdk-Date` for an instant: `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func formatDate(_ date: Date) -> String {
        let calendar = Calendar(identifier: .gregorian)
        let utc = TimeZone(identifier: "UTC") ?? TimeZone.current
        let parts = calendar.dateComponents(in: utc, from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T"
            + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    /// Parses an `X-Sdk-Date` value; nil when it is not `yyyyMMdd'T'HHmmss'Z'`.
    public static func parseDate(_ text: String) -> Date? {
        let digits = Array(text)
        guard digits.count == 16, digits[8] == "T", digits[15] == "Z" else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(digits[range])) }
        var parts = DateComponents()
        parts.calendar = Calendar(identifier: .gregorian)
        parts.timeZone = TimeZone(identifier: "UTC")
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        (parts.year, parts.month, parts.day) = (year, month, day)
        (parts.hour, parts.minute, parts.second) = (hour, minute, second)
        guard parts.isValidDate, let date = parts.date else { return nil }
        return date
    }

    /// The path with each segment percent-encoded and a trailing `/`.
    public static func canonicalURI(_ path: String) -> String {
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { escape(String($0)) }.joined(separator: "/")
        return encoded.hasSuffix("/") ? encoded : encoded + "/"
    }

    /// Keys sorted, values sorted per key, each percent-encoded, joined by `&`.
    public static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        let grouped = Dictionary(grouping: query, by: \.name).mapValues { $0.map(\.value).sorted() }
        return grouped.keys.sorted().flatMap { name in
            (grouped[name] ?? []).map { "\(escape(name))=\(escape($0))" }
        }.joined(separator: "&")
    }

    /// `name:trimmed-value\n` per signed header, in order.
    public static func canonicalHeaders(_ headers: [(name: String, value: String)], signedHeaders: [String]) -> String {
        let lines = signedHeaders.flatMap { name in
            headers.filter { $0.name.lowercased() == name }
                .map { $0.value.trimmingCharacters(in: .whitespaces) }.sorted()
                .map { "\(name):\($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Percent-encodes every byte but `A–Z a–z 0–9 - _ . ~`, with upper-case hex.
    public static func escape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                result += "%\(digits[Int(byte >> 4)])\(digits[Int(byte & 15)])"
            }
        }
        return result
    }

    /// Lower-case hex SHA-256.
    public static func hexSHA256(_ data: Data) -> String { hex(Data(SHA256.hash(data: data))) }

    private static func hex(_ data: Data) -> String {
        data.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}
