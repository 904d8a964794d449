import Foundation
import HTTP

/// A Kubernetes API request that failed: the server's `Status`, another error body, or no response at all.
///
/// The description quotes the request and the server's words, e.g.
/// `POST /api/v1/namespaces/ns/configmaps: 422 Invalid: ConfigMap "Bad_Name" is invalid: … [metadata.name: FieldValueInvalid]`.
public struct KubeAPIError: RetryNoted, Sendable, CustomStringConvertible {
    /// What the server (or the network) answered.
    public enum Failure: Sendable {
        /// An error response whose body is a `Status`.
        case status(code: Int, APIStatus)
        /// An error response with another body (a proxy's HTML page, plain text); the text is shortened.
        case unexpectedBody(code: Int, text: String)
        /// A success response whose body is not the JSON expected.
        case undecodable(code: Int, reason: String)
        /// No response: the connection failed, reset or timed out.
        case transport(TransportError)
    }

    public var method: HTTPMethod
    /// The request path and query, without the server.
    public var path: String
    public var failure: Failure
    /// How many attempts were made, retries included.
    public var attempts: Int
    /// Why a failure worth retrying was not retried (again): see `RetryPolicy.givingUp`.
    public var retryNote: String?

    public init(method: HTTPMethod, path: String, failure: Failure, attempts: Int, retryNote: String? = nil) {
        self.method = method
        self.path = path
        self.failure = failure
        self.attempts = attempts
        self.retryNote = retryNote
    }

    /// The HTTP status code, if a response arrived.
    public var code: Int? {
        switch failure {
        case .status(let code, _), .unexpectedBody(let code, _), .undecodable(let code, _): code
        case .transport: nil
        }
    }

    /// The `Status` reason, if the body was a `Status`.
    public var reason: StatusReason? {
        if case .status(_, let status) = failure { return status.reason }
        return nil
    }

    public var isNotFound: Bool { code == 404 }
    public var isAlreadyExists: Bool { code == 409 && reason == .alreadyExists }
    public var isConflict: Bool { code == 409 && reason != .alreadyExists }

    public var description: String {
        if let retryNote { return "\(summary) (\(retryNote))" }
        return attempts > 1 ? "\(summary) (after \(attempts) attempts)" : summary
    }

    /// The request and what it got, without the attempt count.
    var summary: String { "\(method.rawValue) \(path): \(failureText)" }

    private var failureText: String {
        switch failure {
        case .status(let code, let status):
            let reason = status.reason.map { " \($0)" } ?? ""
            let message = status.message.map { ": \($0)" } ?? ""
            let causes = (status.details?.causes ?? []).map { cause in
                [cause.field, cause.reason].compactMap { $0 }.joined(separator: ": ")
            }.filter { !$0.isEmpty }
            let causeText = causes.isEmpty ? "" : " [\(causes.joined(separator: "; "))]"
            return "\(code)\(reason)\(message)\(causeText)"
        case .unexpectedBody(let code, let text):
            return text.isEmpty ? "HTTP \(code) with an empty body" : "HTTP \(code): \(text)"
        case .undecodable(let code, let reason):
            return "HTTP \(code) with a body that is not the expected JSON: \(reason)"
        case .transport(let error):
            return error.description
        }
    }
}

extension KubeAPIError.Failure {
    /// Reads an error response: a `Status` body when it is one, otherwise its text, shortened.
    static func from(status code: Int, body: Data) -> Self {
        if let status = try? JSONDecoder().decode(APIStatus.self, from: body),
            status.reason != nil || status.message != nil
        {
            return .status(code: code, status)
        }
        let text = String(decoding: body, as: UTF8.self)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return .unexpectedBody(code: code, text: text.count > 300 ? String(text.prefix(300)) + "…" : text)
    }
}
