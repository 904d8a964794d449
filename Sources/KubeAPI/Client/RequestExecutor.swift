import Foundation
import HTTP
import JSON

/// One API call before credentials and retries: method, path, query and body.
struct APICall: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(name: String, value: String)] = []
    var body: Data? = nil
    var contentType: String? = nil

    /// The path and query as logged and quoted in errors.
    var target: String { query.isEmpty ? path : "\(path)?\(PathEscaping.query(query))" }
}

/// Sends API calls: attaches credentials, retries transient failures as the `RetryPolicy` says, counts
/// attempts, logs each one, and turns failures into `KubeAPIError`s.
struct RequestExecutor: Sendable {
    let server: URL
    let transport: any HTTPTransport
    let credentials: CredentialSource
    let retry: RetryPolicy
    let log: LogHandler?
    let statistics: StatisticsCounter
    let sleep: @Sendable (Duration) async throws -> Void

    /// Sends a call and returns the 2xx response and the number of attempts it took.
    func send(_ call: APICall) async throws -> (response: HTTPResponse, attempts: Int) {
        statistics.recordRequest()
        let clock = ContinuousClock()
        let start = clock.now
        let request = try httpRequest(for: call)
        var refreshedCredentials = false
        let loop = RetryLoop(policy: retry, log: log, sleep: sleep, elapsed: { clock.now - start })
        return try await loop.run(describe: { (error: KubeAPIError) in error.summary }) { attempt in
            statistics.recordAttempt()
            let credentials = try await self.credentials.current()
            var attemptRequest = request
            attemptRequest.authorization = credentials.authorization
            attemptRequest.clientCertificate = credentials.clientCertificate
            let sent = clock.now
            do {
                let response = try await transport.send(attemptRequest)
                let took = (clock.now - sent).milliseconds
                log?(LogRecord(.debug, "\(call.method.rawValue) \(call.target) → \(response.status) in \(took) ms"))
                if (200..<300).contains(response.status) { return .done((response, attempt)) }
                if response.status == 401, !refreshedCredentials, await self.credentials.invalidate() {
                    refreshedCredentials = true
                    return .again
                }
                let error = KubeAPIError(
                    method: call.method, path: call.target,
                    failure: .from(status: response.status, body: response.body),
                    attempts: attempt)
                return .failed(
                    error, retryable: RetryPolicy.isRetryable(status: response.status), retryAfter: response.retryAfter)
            } catch let error as TransportError {
                log?(LogRecord(.debug, "\(call.method.rawValue) \(call.target) → \(error)"))
                let failure = KubeAPIError(
                    method: call.method, path: call.target, failure: .transport(error), attempts: attempt)
                return .failed(failure, retryable: error.isTransient, retryAfter: nil)
            }
        }
    }

    /// Sends a call and parses the response body as JSON.
    func json(_ call: APICall) async throws -> JSONValue {
        let (response, attempts) = try await send(call)
        do {
            return try JSONValue.parse(response.body)
        } catch {
            throw KubeAPIError(
                method: call.method, path: call.target,
                failure: .undecodable(code: response.status, reason: "not JSON"),
                attempts: attempts)
        }
    }

    /// GETs a path and decodes the response body.
    func get<T: Decodable>(_ type: T.Type, path: String) async throws -> T {
        let (response, attempts) = try await send(APICall(method: .get, path: path))
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw KubeAPIError(
                method: .get, path: path, failure: .undecodable(code: response.status, reason: "\(error)"),
                attempts: attempts)
        }
    }

    private func httpRequest(for call: APICall) throws -> HTTPRequest {
        var base = server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + call.target) else {
            let problem = TransportError(kind: .other, server: base, detail: "invalid URL for \(call.target)")
            throw KubeAPIError(method: call.method, path: call.target, failure: .transport(problem), attempts: 0)
        }
        var headers: [(name: String, value: String)] = [("Accept", "application/json"), ("User-Agent", "tenantctl")]
        if let contentType = call.contentType { headers.append(("Content-Type", contentType)) }
        return HTTPRequest(method: call.method, url: url, headers: headers, body: call.body)
    }
}
