import CCESigning
import Foundation
import HTTP

/// One CCE or IAM API call before credentials and retries.
struct CCECall: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(name: String, value: String)] = []
    var body: Data? = nil
    /// False for creates: a failure after which the server may have acted (lost response, 5xx) is not
    /// retried here, so the caller can look up what happened instead of creating twice.
    var idempotent = true

    /// The path and query as logged and quoted in errors.
    var target: String { query.isEmpty ? path : "\(path)?\(CCEExecutor.encodedQuery(query))" }
}

/// Adds credentials to each attempt: an AK/SK signature or an IAM token.
protocol RequestAuthorizer: Sendable {
    func authorize(_ request: inout HTTPRequest) async throws
    /// Drops cached credentials after a 401; true when another attempt may succeed.
    func invalidate() async -> Bool
}

/// Sends calls to one server: authorizes each attempt afresh (a new `X-Sdk-Date` and signature, a valid
/// token), retries throttling, 5xx and transient transport failures as the `RetryPolicy` says (creates only
/// when the server cannot have acted), logs each attempt, and turns failures into `CCEError`s.
struct CCEExecutor: Sendable {
    let server: URL
    let transport: any HTTPTransport
    let authorizer: (any RequestAuthorizer)?
    let retry: RetryPolicy
    let log: LogHandler?
    let clock: any CCEClock

    /// Sends a call and returns its 2xx response.
    func send(_ call: CCECall) async throws -> HTTPResponse {
        let start = clock.now()
        let request = try httpRequest(for: call)
        var reauthorized = false
        let loop = RetryLoop(
            policy: retry, log: log, sleep: { [clock] in try await clock.sleep(for: $0) },
            elapsed: { [clock] in .seconds(clock.now().timeIntervalSince(start)) })
        return try await loop.run(describe: { (error: CCEError) in error.description }) { attempt in
            var attemptRequest = request
            try await authorizer?.authorize(&attemptRequest)
            do {
                let response = try await transport.send(attemptRequest)
                log?(LogRecord(.debug, "\(call.method.rawValue) \(call.target) → \(response.status)"))
                if (200..<300).contains(response.status) { return .done(response) }
                if response.status == 401, !reauthorized, let authorizer, await authorizer.invalidate() {
                    reauthorized = true
                    return .again
                }
                let error = CCEError(
                    method: call.method, path: call.target,
                    failure: .from(status: response.status, body: response.body),
                    requestID: response.header("X-Request-Id"), attempts: attempt)
                // A create the server may have acted on is not sent again (a 429 was refused before acting).
                let retryable =
                    RetryPolicy.isRetryable(status: response.status) && (call.idempotent || response.status == 429)
                return .failed(error, retryable: retryable, retryAfter: response.retryAfter)
            } catch let failure as TransportError {
                log?(LogRecord(.debug, "\(call.method.rawValue) \(call.target) → \(failure)"))
                let error = CCEError(
                    method: call.method, path: call.target, failure: .transport(failure), attempts: attempt)
                return .failed(
                    error, retryable: failure.isTransient && (call.idempotent || failure.kind == .connectFailed),
                    retryAfter: nil)
            }
        }
    }

    /// Sends a call and decodes the JSON response body.
    func decode<T: Decodable>(_ type: T.Type, _ call: CCECall) async throws -> T {
        let response = try await send(call)
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw CCEError(
                method: call.method, path: call.target,
                failure: .undecodable(status: response.status, reason: "\(error)"),
                requestID: response.header("X-Request-Id"))
        }
    }

    private func httpRequest(for call: CCECall) throws -> HTTPRequest {
        var base = server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + call.target) else {
            let problem = TransportError(kind: .other, server: base, detail: "invalid URL for \(call.target)")
            throw CCEError(method: call.method, path: call.target, failure: .transport(problem), attempts: 0)
        }
        // On every call, bodiless GETs and DELETEs too: the SDK sends it always and the API reference calls it
        // mandatory. It is not signed (the signature leaves Content-Type out).
        let headers: [(name: String, value: String)] = [
            ("Accept", "application/json"), ("User-Agent", "tenantctl"), ("Content-Type", "application/json"),
        ]
        return HTTPRequest(method: call.method, url: url, headers: headers, body: call.body)
    }

    /// `name=value&…` with both percent-encoded as the signature expects.
    static func encodedQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { "\(CCESigner.escape($0.name))=\(CCESigner.escape($0.value))" }.joined(separator: "&")
    }
}
