import Foundation
import HTTP
import Synchronization

/// Wraps a transport (an in-memory fake, or curl to a real server) and injects failures into matching
/// requests: a lost response (the request is delivered, then the call times out), a refused connection
/// (nothing delivered), or a canned response instead of the server's.
public final class FaultInjectingTransport: HTTPTransport {
    /// What happens to a matching request.
    public enum Fault: Sendable {
        /// Deliver the request, discard the response, report a timeout.
        case loseResponse
        /// Deliver the request, discard the response, answer with this one (e.g. a 503 after acting).
        case replaceResponse(HTTPResponse)
        /// Deliver nothing; report a refused connection.
        case refuseConnection
        /// Deliver nothing; answer with this response (e.g. a 429).
        case respond(HTTPResponse)
    }

    /// A fault for the next `times` requests with `method` whose path ends with `pathSuffix`.
    public struct Rule: Sendable {
        public var method: HTTPMethod
        public var pathSuffix: String
        public var fault: Fault
        public var times: Int

        public init(_ method: HTTPMethod, pathSuffix: String, fault: Fault, times: Int = 1) {
            self.method = method
            self.pathSuffix = pathSuffix
            self.fault = fault
            self.times = times
        }
    }

    private let inner: any HTTPTransport
    private let rules: Mutex<[Rule]>

    public init(_ inner: any HTTPTransport, rules: [Rule] = []) {
        self.inner = inner
        self.rules = Mutex(rules)
    }

    /// Adds a rule, after the existing ones.
    public func inject(_ rule: Rule) {
        rules.withLock { $0.append(rule) }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let fault: Fault? = rules.withLock { rules in
            guard
                let index = rules.firstIndex(where: {
                    $0.times > 0 && $0.method == request.method && request.url.path.hasSuffix($0.pathSuffix)
                })
            else { return nil }
            rules[index].times -= 1
            return rules[index].fault
        }
        let server = "\(request.url.scheme ?? "http")://\(request.url.host ?? "")"
        switch fault {
        case nil:
            return try await inner.send(request)
        case .loseResponse:
            _ = try await inner.send(request)
            throw TransportError(kind: .timedOut, server: server, detail: "injected: response lost")
        case .replaceResponse(let response):
            _ = try await inner.send(request)
            return response
        case .refuseConnection:
            throw TransportError(kind: .connectFailed, server: server, detail: "injected: connection refused")
        case .respond(let response):
            return response
        }
    }
}
