import Synchronization

/// What a client has sent so far: logical requests and the HTTP attempts they took (retries included).
public struct RequestStatistics: Sendable, Hashable, CustomStringConvertible {
    public var requests: Int
    public var attempts: Int

    public init(requests: Int = 0, attempts: Int = 0) {
        self.requests = requests
        self.attempts = attempts
    }

    /// Attempts beyond the first of each request.
    public var retries: Int { attempts - requests }

    public var description: String { "\(requests) requests, \(attempts) attempts" }
}

/// A thread-safe tally of `RequestStatistics`.
public final class StatisticsCounter: Sendable {
    private let state = Mutex(RequestStatistics())

    public init() {}

    public var snapshot: RequestStatistics { state.withLock { $0 } }

    public func recordRequest() { state.withLock { $0.requests += 1 } }
    public func recordAttempt() { state.withLock { $0.attempts += 1 } }
}
