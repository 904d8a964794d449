/// One finding about an input file: where it is, which field, and what is wrong.
/// Diagnostics are values: collected first, rendered later (text or JSON).
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning }

    public var severity: Severity
    public var file: String
    public var line: Int
    public var column: Int
    /// The field path, like `spec.quota.memory` or `spec.owners[1].group`; empty for the document itself.
    public var path: String
    public var message: String

    public init(severity: Severity = .error, file: String, line: Int, column: Int, path: String, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `file:line:col: error: path: message`, the way compilers print: always one line, control characters in a
    /// file name, path or quoted value shown escaped.
    public var description: String {
        let location = "\(file.terminalSafe):\(line):\(column)"
        return path.isEmpty
            ? "\(location): \(severity.rawValue): \(message.terminalSafe)"
            : "\(location): \(severity.rawValue): \(path.terminalSafe): \(message.terminalSafe)"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error (warnings alone do not fail a run).
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then position, then message: the order users read them in.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message) }
    }
}
