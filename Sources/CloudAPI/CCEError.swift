import Foundation
import HTTP

/// A CCE (or IAM) API request that failed: an error response, an unreadable success, or no response.
///
/// Error bodies come in two spellings, `{"errorCode","errorMessage"}` (CCE) and `{"error_code","error_msg"}`
/// (the API gateway, IAM); both are read. The description quotes the request, the status, the code, the
/// server's message and the request ID, e.g.
/// `POST /api/v3/projects/p1/clusters: 409 CCE.01409001: Resource already exists (request id 7f3c…)`.
public struct CCEError: RetryNoted, Sendable, CustomStringConvertible {
    /// What came back.
    public enum Failure: Sendable {
        /// An error response; `code` and `message` are nil when the body had neither.
        case api(status: Int, code: String?, message: String?)
        /// A success response whose body is not the JSON expected.
        case undecodable(status: Int, reason: String)
        /// No response: the connection failed, reset or timed out.
        case transport(TransportError)
    }

    public var method: HTTPMethod
    /// The request path and query, without the server.
    public var path: String
    public var failure: Failure
    /// The `X-Request-Id` response header, for Huawei support.
    public var requestID: String?
    /// How many attempts were made, retries included.
    public var attempts: Int
    /// Why a failure worth retrying was not retried (again): see `RetryPolicy.givingUp`.
    public var retryNote: String?

    public init(method: HTTPMethod, path: String, failure: Failure, requestID: String? = nil, attempts: Int = 1) {
        self.method = method
        self.path = path
        self.failure = failure
        self.requestID = requestID
        self.attempts = attempts
    }

    /// The HTTP status, if a response arrived.
    public var status: Int? {
        switch failure {
        case .api(let status, _, _), .undecodable(let status, _): status
        case .transport: nil
        }
    }

    /// The CCE or gateway error code, e.g. `CCE.01404001`.
    public var code: String? {
        if case .api(_, let code, _) = failure { return code }
        return nil
    }

    /// The server's message.
    public var message: String? {
        if case .api(_, _, let message) = failure { return message }
        return nil
    }

    public var isNotFound: Bool { status == 404 }
    /// 409: the object exists already, or was changed meanwhile.
    public var isConflict: Bool { status == 409 }

    /// Whether the server may have carried out the request although no success reached us: the response was
    /// lost (timeout, reset) or the server failed after receiving it (5xx). A refused connection or a 429
    /// means it was not carried out.
    public var mayHaveSucceeded: Bool {
        switch failure {
        case .transport(let error): error.kind == .timedOut || error.kind == .connectionReset
        case .api(let status, _, _): (500...599).contains(status)
        case .undecodable: true
        }
    }

    public var description: String {
        let request = requestID.map { " (request id \($0))" } ?? ""
        let tries = retryNote.map { " (\($0))" } ?? (attempts > 1 ? " after \(attempts) attempts" : "")
        return "\(method.rawValue) \(path): \(failureText)\(request)\(tries)"
    }

    private var failureText: String {
        switch failure {
        case .api(let status, let code, let message):
            let parts = [code, message].compactMap { $0 }.filter { !$0.isEmpty }
            return parts.isEmpty ? "HTTP \(status)" : "\(status) \(parts.joined(separator: ": "))"
        case .undecodable(let status, let reason):
            return "HTTP \(status) with a body that is not the expected JSON: \(reason)"
        case .transport(let error):
            return error.description
        }
    }
}

extension CCEError.Failure {
    /// Reads an error response body in either spelling; another body becomes the message, shortened.
    static func from(status: Int, body: Data) -> Self {
        struct Body: Decodable {
            var errorCode, errorMessage, error_code, error_msg, message: String?
            /// IAM's `{"error": {"code": 401, "message": …}}`.
            var error: Nested?
        }
        struct Nested: Decodable {
            var message: String?
            var title: String?
        }
        if let parsed = try? JSONDecoder().decode(Body.self, from: body) {
            let code = parsed.errorCode ?? parsed.error_code ?? parsed.error?.title
            let message = parsed.errorMessage ?? parsed.error_msg ?? parsed.message ?? parsed.error?.message
            if code != nil || message != nil { return .api(status: status, code: code, message: message) }
        }
        let text = String(decoding: body, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let shortened = text.count > 300 ? String(text.prefix(300)) + "…" : text
        return .api(status: status, code: nil, message: shortened.isEmpty ? nil : shortened)
    }
}

/// A request the client refuses before sending: a bad region or tenant name.
public struct CCEInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
