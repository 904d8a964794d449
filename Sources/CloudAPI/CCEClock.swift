import Foundation

/// Time as the client sees it: the wall clock (for `X-Sdk-Date`, token expiry and deadlines) and sleeping
/// (between retries and polls). Tests substitute a clock whose sleep only advances its time.
public protocol CCEClock: Sendable {
    func now() -> Date
    func sleep(for duration: Duration) async throws
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemClock: CCEClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
