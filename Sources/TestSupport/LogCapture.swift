import HTTP
import Synchronization

/// Collects every log line a client emits, for assertions (e.g. that no secret ever appears).
public final class LogCapture: Sendable {
    private let lines = Mutex<[LogRecord]>([])

    public init() {}

    /// The handler to pass as `KubeClient.Options.log`.
    public var handler: LogHandler {
        { record in self.lines.withLock { $0.append(record) } }
    }

    public var records: [LogRecord] { lines.withLock { $0 } }

    /// Every line as text.
    public var text: [String] { records.map(\.description) }
}
