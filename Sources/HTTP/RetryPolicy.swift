/// When and how long to wait before trying a failed request again.
///
/// Retried: 429, 5xx other than 501/505, and transient transport failures (refused or reset connections,
/// timeouts). Never retried: other 4xx. The pause doubles from `initialDelay` up to `maxDelay`, less a random
/// share of up to `jitter`; a `Retry-After` header (seconds) replaces the computed pause. Attempts stop at
/// `maxAttempts`, or earlier when the next pause would end after `maxElapsed` from the first attempt.
///
/// Every method is retried: apply, merge patch and delete are idempotent, and a create that succeeded before
/// its connection reset comes back from the retry as 409 `AlreadyExists`, which callers treat as "exists".
public struct RetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    public var maxElapsed: Duration
    /// The fraction (0...1) of each computed pause that is randomised away, so clients don't retry in step.
    public var jitter: Double

    public init(
        maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(8),
        maxElapsed: Duration = .seconds(60), jitter: Double = 0.5
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxElapsed = maxElapsed
        self.jitter = min(1, max(0, jitter))
    }

    /// One attempt, no retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Whether a response with this HTTP status is worth another attempt.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || ((500...599).contains(status) && status != 501 && status != 505)
    }

    /// The pause after failed attempt number `attempt` (1-based) when the server gave no `Retry-After`.
    /// `random` is a number in 0..<1 that picks the jitter.
    public func backoff(afterAttempt attempt: Int, random: Double) -> Duration {
        let doublings = min(max(attempt - 1, 0), 30)
        let exponential = initialDelay * (1 << doublings)
        let capped = min(exponential, maxDelay)
        return capped * (1 - jitter * min(max(random, 0), 1))
    }

    /// The pause before the next attempt, or nil when the policy says to give up.
    /// - Parameters:
    ///   - attempt: how many attempts have been made (1-based).
    ///   - retryAfter: the server's `Retry-After`, which replaces the computed backoff.
    ///   - elapsed: time since the first attempt started.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, elapsed: Duration, random: Double)
        -> Duration?
    {
        guard attempt < maxAttempts else { return nil }
        let pause = retryAfter ?? backoff(afterAttempt: attempt, random: random)
        guard elapsed + pause <= maxElapsed else { return nil }
        return pause
    }

    /// Why a failure worth retrying is not retried again, for its error: the attempts are spent, or the server's
    /// `Retry-After` would end past `maxElapsed`; nil when the policy would retry.
    public func givingUp(afterAttempt attempt: Int, retryAfter: Duration?, elapsed: Duration) -> String? {
        if attempt >= maxAttempts { return maxAttempts > 1 ? "after \(attempt) attempts" : nil }
        guard let retryAfter, elapsed + retryAfter > maxElapsed else {
            return
                "gave up after \(attempt) attempts: the next would end beyond the \(maxElapsed.components.seconds) s tenantctl spends retrying a request"
        }
        return "not retried: the server asked to wait \(retryAfter.components.seconds) s (Retry-After), "
            + "beyond the \(maxElapsed.components.seconds) s tenantctl spends retrying a request; try again later"
    }
}
