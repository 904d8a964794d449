import Foundation

/// Runs a command-line tool to completion (test helpers: `openssl`), failing with its stderr.
public enum Tool {
    /// A tool that exited non-zero.
    public struct Failure: Error, CustomStringConvertible {
        public var command: String
        public var status: Int32
        public var stderr: String
        public var description: String { "\(command) exited with \(status): \(stderr)" }

        public init(command: String, status: Int32, stderr: String) {
            self.command = command
            self.status = status
            self.stderr = stderr
        }
    }

    /// Runs `executable` (a name on `PATH` or a path) and returns its standard output.
    /// - Parameter environment: the whole environment of the process; nil inherits this one's.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) throws -> String {
        let run = try CapturedRun.run(
            [executable] + arguments, environment: environment ?? ProcessInfo.processInfo.environment,
            in: directory?.path)
        guard run.termination.status == 0 else {
            throw Failure(
                command: ([executable] + arguments).joined(separator: " "), status: run.termination.status,
                stderr: String(decoding: run.stderr, as: UTF8.self))
        }
        return String(decoding: run.stdout, as: UTF8.self)
    }
}
