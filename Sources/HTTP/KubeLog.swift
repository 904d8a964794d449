/// How much a log line matters.
public enum LogLevel: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    case debug, info, warning

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
    public var description: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        }
    }
}

/// One line of the client's log: requests, retries, plugin runs and security warnings.
/// Messages are built from non-secret values only; secrets reach them as `Redacted`.
public struct LogRecord: Sendable, Hashable, CustomStringConvertible {
    public var level: LogLevel
    public var message: String

    public init(_ level: LogLevel, _ message: String) {
        self.level = level
        self.message = message
    }

    public var description: String { "\(level): \(message)" }
}

/// Receives the client's log lines; the CLI renders them, tests capture them. The library never prints.
public typealias LogHandler = @Sendable (LogRecord) -> Void
