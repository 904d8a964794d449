import CCESigning
import Foundation
import HTTP

/// The client side of signing: `HTTPRequest`s and redacted keys.
extension CCESigner {
    /// The hex signature with a redacted secret key.
    public static func signature(for message: Message, signedHeaders: [String], secretKey: Redacted<String>) -> String {
        signature(for: message, signedHeaders: signedHeaders, secretKey: secretKey.revealed)
    }

    /// ``verify(_:authorization:secretKey:now:maxSkew:)`` with a redacted secret key.
    public static func verify(
        _ message: Message, authorization header: String?, secretKey: Redacted<String>, now: Date = Date(),
        maxSkew: TimeInterval = 15 * 60
    ) -> Result<Authorization, VerificationFailure> {
        verify(message, authorization: header, secretKey: secretKey.revealed, now: now, maxSkew: maxSkew)
    }

    /// The message a client-side `HTTPRequest` stands for: its decoded path and query, headers and body.
    public static func message(of request: HTTPRequest) -> Message {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let query = (components?.queryItems ?? []).map { (name: $0.name, value: $0.value ?? "") }
        return Message(
            method: request.method.rawValue, path: components?.path ?? request.url.path, query: query,
            headers: request.headers, body: request.body ?? Data())
    }

    /// Signs a request in place: adds `Host` and `X-Sdk-Date` (replacing any earlier ones), then sets
    /// `authorization` to the signature over all signable headers.
    public static func sign(_ request: inout HTTPRequest, with key: AccessKey, date: Date) {
        request.headers.removeAll {
            $0.name.caseInsensitiveCompare("Host") == .orderedSame
                || $0.name.caseInsensitiveCompare(dateHeader) == .orderedSame
        }
        request.headers.append((name: "Host", value: hostHeader(of: request.url)))
        request.headers.append((name: dateHeader, value: formatDate(date)))
        let message = message(of: request)
        let signed = signedHeaderNames(message.headers)
        let signature = signature(for: message, signedHeaders: signed, secretKey: key.secretKey.revealed)
        request.authorization = Redacted(
            authorization(accessKey: key.accessKey.revealed, signedHeaders: signed, signature: signature))
    }

    /// `host[:port]` as an HTTP client sends it: the port only when the URL names one.
    static func hostHeader(of url: URL) -> String {
        let host = url.host ?? ""
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
