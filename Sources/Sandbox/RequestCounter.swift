import Synchronization

/// Requests served, by HTTP method and by HTTP version: how tests prove that a converged apply makes no writes
/// and that clients spoke HTTP/2.
public struct RequestCounts: Sendable, Hashable {
    public var byMethod: [String: Int]
    /// `HTTP/2` and `HTTP/1.1`.
    public var byProtocol: [String: Int]

    public init(byMethod: [String: Int] = [:], byProtocol: [String: Int] = [:]) {
        self.byMethod = byMethod
        self.byProtocol = byProtocol
    }

    public var total: Int { byMethod.values.reduce(0, +) }
    /// POST, PUT, PATCH and DELETE requests.
    public var writes: Int { ["POST", "PUT", "PATCH", "DELETE"].reduce(0) { $0 + (byMethod[$1] ?? 0) } }
    public subscript(method: String) -> Int { byMethod[method.uppercased()] ?? 0 }
}

/// Counts API requests (not the `/_sandbox` admin routes), thread-safely.
final class RequestCounter: Sendable {
    private let counts = Mutex(RequestCounts())

    func record(_ method: String, over httpVersion: String) {
        counts.withLock {
            $0.byMethod[method, default: 0] += 1
            $0.byProtocol[httpVersion, default: 0] += 1
        }
    }

    var snapshot: RequestCounts { counts.withLock { $0 } }

    func reset() {
        counts.withLock { $0 = RequestCounts() }
    }
}
