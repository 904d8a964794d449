import Foundation
import Processes

#if canImport(Glibc)
    import Glibc
#endif

/// The process serving a sandbox directory (`tenantctl sandbox serve`): started detached, found again through the
/// pid file it records, stopped with SIGTERM.
public struct SandboxProcess: Sendable, Hashable {
    public let pid: Int32

    /// The process serving from `directory`, if one is alive: the recorded id names a live process started with a
    /// `serve` argument (not a later program that was given the same id).
    public static func running(in directory: SandboxDirectory) -> SandboxProcess? {
        guard let pid = directory.recordedPid(), ProcessLiveness.exists(pid: pid),
            ProcessLiveness.arguments(pid: pid)?.contains("serve") == true
        else { return nil }
        return SandboxProcess(pid: pid)
    }

    /// Spawns `arguments`, a program that serves `directory` and records itself there (`record(port:in:)`), and
    /// waits up to 10 s for it to report its port.
    public static func start(_ arguments: [String], in directory: SandboxDirectory) async throws -> (
        process: SandboxProcess, port: Int
    ) {
        try? FileManager.default.removeItem(at: directory.portFile)
        let pid = try DetachedProcess.spawn(arguments, log: directory.logFile)
        for _ in 0..<200 {
            if let port = directory.port() { return (SandboxProcess(pid: pid), port) }
            if DetachedProcess.hasExited(pid) {
                let log = (try? String(contentsOf: directory.logFile, encoding: .utf8)) ?? ""
                let last = log.split(separator: "\n").last.map { ": \($0)" } ?? ""
                throw SandboxProcessError(
                    "the sandbox exited during start-up\(last) (log: \(directory.logFile.path))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw SandboxProcessError("the sandbox did not report its port within 10s (log: \(directory.logFile.path))")
    }

    /// Sends SIGTERM and waits up to 10 s for the process to end, then removes the pid and port it recorded.
    public func stop(in directory: SandboxDirectory) async throws {
        kill(pid, SIGTERM)
        for _ in 0..<100 where !hasEnded {
            try await Task.sleep(for: .milliseconds(100))
        }
        guard hasEnded else {
            throw SandboxProcessError("the sandbox (pid \(pid)) did not stop within 10s")
        }
        Self.clear(in: directory)
    }

    /// Whether the process is gone; a child of this process (one it started) is reaped first, or it would linger.
    private var hasEnded: Bool { DetachedProcess.hasExited(pid) || !ProcessLiveness.exists(pid: pid) }

    /// Records this process as the one serving `directory` on `port`.
    public static func record(port: Int, in directory: SandboxDirectory) throws {
        try Data(String(getpid()).utf8).write(to: directory.pidFile, options: .atomic)
        try Data(String(port).utf8).write(to: directory.portFile, options: .atomic)
    }

    /// Removes what `record` wrote: no process serves `directory` any more.
    public static func clear(in directory: SandboxDirectory) {
        try? FileManager.default.removeItem(at: directory.portFile)
        try? FileManager.default.removeItem(at: directory.pidFile)
    }
}
