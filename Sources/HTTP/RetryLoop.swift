/// An error a retry loop can annotate when it gives up: why no further attempt was made.
public protocol RetryNoted: Error {
    var retryNote: String? { get set }
}

/// What one attempt of a request came to.
public enum AttemptOutcome<Value, Failure: RetryNoted> {
    /// The request succeeded.
    case done(Value)
    /// Try again at once, without waiting: the credentials were refreshed after a 401.
    case again
    /// The request failed; whether another attempt may succeed, and how long the server asked to wait.
    case failed(Failure, retryable: Bool, retryAfter: Duration?)
}

/// Runs a request's attempts as a `RetryPolicy` says: waits between retryable failures, logs each retry, and
/// throws the last failure, noted with why it gave up, when the policy allows no more. The Kubernetes and CCE
/// senders share it; each decides what an attempt is and which failures are retryable.
public struct RetryLoop: Sendable {
    public let policy: RetryPolicy
    public let log: LogHandler?
    public let sleep: @Sendable (Duration) async throws -> Void
    /// The time since the request began.
    public let elapsed: @Sendable () -> Duration

    public init(
        policy: RetryPolicy, log: LogHandler?, sleep: @escaping @Sendable (Duration) async throws -> Void,
        elapsed: @escaping @Sendable () -> Duration
    ) {
        self.policy = policy
        self.log = log
        self.sleep = sleep
        self.elapsed = elapsed
    }

    /// Calls `attempt` with the attempt's number (from 1) until it is done or the policy gives up;
    /// `describe` names a failure in the log line of a retry.
    public func run<Value, Failure: RetryNoted>(
        describe: (Failure) -> String, _ attempt: (Int) async throws -> AttemptOutcome<Value, Failure>
    ) async throws -> Value {
        var number = 0
        while true {
            number += 1
            switch try await attempt(number) {
            case .done(let value):
                return value
            case .again:
                continue
            case .failed(var failure, let retryable, let retryAfter):
                guard retryable else { throw failure }
                let elapsed = elapsed()
                guard
                    let pause = policy.delay(
                        afterAttempt: number, retryAfter: retryAfter, elapsed: elapsed, random: Double.random(in: 0..<1)
                    )
                else {
                    failure.retryNote = policy.givingUp(afterAttempt: number, retryAfter: retryAfter, elapsed: elapsed)
                    throw failure
                }
                let next = "attempt \(number + 1) of \(policy.maxAttempts)"
                log?(LogRecord(.info, "\(describe(failure)); retrying in \(pause.milliseconds) ms (\(next))"))
                try await sleep(pause)
            }
        }
    }
}
