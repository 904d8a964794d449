import Foundation

/// Standard error, where every command reports what went wrong: `error:` and `warning:` lines, and diagnostics
/// (which carry their own `file:line:col: severity:`). Results go to standard output, through `OutputFormat`.
enum Console {
    /// `error: MESSAGE`.
    static func error(_ message: String) { write(["error: \(message)"]) }

    /// `error: MESSAGE` for each message.
    static func errors(_ messages: [String]) { write(messages.map { "error: \($0)" }) }

    /// `warning: MESSAGE`.
    static func warning(_ message: String) { write(["warning: \(message)"]) }

    /// Lines as they are: diagnostics, a usage error's text, counters.
    static func write(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }
}
