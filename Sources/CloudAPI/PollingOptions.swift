import Foundation

/// How the client waits for asynchronous CCE work: the first pause, growing by `multiplier` up to
/// `maxInterval`, until `timeout`. Terraform polls clusters every 20 s for up to 30 minutes; these defaults
/// start faster and end there.
public struct PollingOptions: Sendable, Hashable {
    public var initialInterval: Duration
    public var maxInterval: Duration
    public var multiplier: Double
    public var timeout: Duration

    public init(
        initialInterval: Duration = .seconds(5), maxInterval: Duration = .seconds(20), multiplier: Double = 1.5,
        timeout: Duration = .seconds(30 * 60)
    ) {
        self.initialInterval = initialInterval
        self.maxInterval = maxInterval
        self.multiplier = max(1, multiplier)
        self.timeout = timeout
    }

    /// The same schedule with another timeout.
    public func timeout(_ timeout: Duration) -> PollingOptions {
        var copy = self
        copy.timeout = timeout
        return copy
    }

    /// The pause after poll number `poll` (1-based).
    func interval(afterPoll poll: Int) -> Duration {
        let grown = initialInterval.timeInterval * pow(multiplier, Double(max(poll - 1, 0)))
        return min(.seconds(grown), maxInterval)
    }
}

/// A wait that ended without its goal: it timed out, or the object reached a failure state.
public struct CCEWaitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the wait ended.
    public enum Reason: Sendable, Hashable {
        /// Still not there after the timeout; `last` is the last state seen.
        case timedOut(after: Duration, last: String)
        /// The object reached a state from which it will not get there.
        case failed(state: String, message: String?)
    }

    /// What was waited for, e.g. `cluster tenant-a (3f2c…) to be Available`.
    public var subject: String
    public var reason: Reason

    public init(subject: String, reason: Reason) {
        self.subject = subject
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .timedOut(let after, let last):
            "gave up waiting for \(subject) after \(Int(after.timeInterval)) s (last state: \(last))"
        case .failed(let state, let message):
            "\(subject) failed: state \(state)" + (message.map { ": \($0)" } ?? "")
        }
    }
}

/// What one poll found.
enum PollResult<Value: Sendable>: Sendable {
    case done(Value)
    case pending(state: String)
    case failed(state: String, message: String?)
}

extension CCEClient {
    /// Polls `check` until it is done or failed, pausing as `polling` says (before the first check too, when
    /// `firstAfterAnInterval`), and fails after its timeout.
    func poll<Value: Sendable>(
        _ subject: String, polling: PollingOptions?, firstAfterAnInterval: Bool = false,
        check: () async throws -> PollResult<Value>
    ) async throws -> Value {
        let polling = polling ?? options.polling
        let clock = options.clock
        let deadline = clock.now().addingTimeInterval(polling.timeout.timeInterval)
        if firstAfterAnInterval { try await clock.sleep(for: polling.initialInterval) }
        var count = 0
        while true {
            count += 1
            let state: String
            switch try await check() {
            case .done(let value): return value
            case .failed(let failed, let message):
                throw CCEWaitError(subject: subject, reason: .failed(state: failed, message: message))
            case .pending(let pending): state = pending
            }
            let pause = polling.interval(afterPoll: count)
            guard clock.now().addingTimeInterval(pause.timeInterval) <= deadline else {
                throw CCEWaitError(subject: subject, reason: .timedOut(after: polling.timeout, last: state))
            }
            log(.debug, "waiting for \(subject): \(state); next check in \(pause)")
            try await clock.sleep(for: pause)
        }
    }
}
