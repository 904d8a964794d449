import Synchronization

/// Stands in for `Task.sleep` in a client's retry loop: records each requested pause and returns at once,
/// so tests see the exact backoff schedule without waiting for it.
public final class PauseRecorder: Sendable {
    private let recorded = Mutex<[Duration]>([])

    public init() {}

    /// The function to pass as `KubeClient.Options.sleep`.
    public var sleep: @Sendable (Duration) async throws -> Void {
        { pause in self.recorded.withLock { $0.append(pause) } }
    }

    /// Every pause requested so far, in order.
    public var pauses: [Duration] { recorded.withLock { $0 } }
}
