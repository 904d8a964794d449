import Foundation
import HTTP
import JSON
import Synchronization

/// An in-memory `HTTPTransport`: answers each request with a handler and records what was sent, so client
/// logic (paths, bodies, retries, errors) runs without a network.
public final class RecordingTransport: HTTPTransport {
    /// Answers one request; `index` counts requests from 0.
    public typealias Handler = @Sendable (_ request: HTTPRequest, _ index: Int) async throws -> HTTPResponse

    private let handler: Handler
    private let recorded = Mutex<[HTTPRequest]>([])

    public init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    /// Answers requests in order from `script`; past its end, repeats the last entry.
    public convenience init(script: [Result<HTTPResponse, TransportError>]) {
        precondition(!script.isEmpty, "a script needs at least one answer")
        self.init { _, index in try script[min(index, script.count - 1)].get() }
    }

    /// Every request sent so far, in order.
    public var requests: [HTTPRequest] { recorded.withLock { $0 } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let index = recorded.withLock { list in
            list.append(request)
            return list.count - 1
        }
        return try await handler(request, index)
    }
}

extension HTTPResponse {
    /// A response with a JSON body.
    public static func json(_ status: Int, _ body: JSONValue, headers: [(name: String, value: String)] = [])
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: body.jsonData())
    }

    /// A Kubernetes `Status` failure response.
    public static func status(
        _ code: Int, reason: String, message: String, headers: [(name: String, value: String)] = []
    )
        -> HTTPResponse
    {
        json(
            code,
            [
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
            ], headers: headers)
    }
}
