import Foundation

/// Runs the real `tenantctl` binary, as end-to-end tests must, and captures what it prints.
public struct CommandRunner: Sendable {
    /// What one run printed and how it ended.
    public struct Result: Sendable {
        public var status: Int32
        /// The process ended on a signal (a crash, or a kill), not by exiting.
        public var crashed = false
        public var stdout: String
        public var stderr: String
    }

    public let executable: URL
    public let workingDirectory: URL

    /// The binary named by `TENANTCTL_BIN`, else the one built beside the running test bundle.
    public init(workingDirectory: URL) throws {
        if let path = ProcessInfo.processInfo.environment["TENANTCTL_BIN"] {
            executable = URL(fileURLWithPath: path)
        } else {
            let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            var folder = here.deletingLastPathComponent()
            // The runner may be inside an .xctest bundle folder; the binary sits beside the bundle.
            while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("tenantctl").path),
                folder.path != "/"
            {
                folder = folder.deletingLastPathComponent()
            }
            executable = folder.appendingPathComponent("tenantctl")
        }
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: executable.path])
        }
        self.workingDirectory = workingDirectory
    }

    /// Runs `tenantctl arguments...` to completion; with `timeout`, a run still going after it is killed (and so
    /// reported as `crashed`).
    public func run(_ arguments: [String], environment: [String: String] = [:], timeout: Duration? = nil) throws
        -> Result
    {
        let run = try CapturedRun.run(
            [executable.path] + arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
            in: workingDirectory.path, timeout: timeout)
        var result = Result(
            status: run.termination.status, stdout: String(decoding: run.stdout, as: UTF8.self),
            stderr: String(decoding: run.stderr, as: UTF8.self))
        result.crashed = run.termination.signalled
        return result
    }
}
