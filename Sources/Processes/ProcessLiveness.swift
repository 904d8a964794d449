import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a process named by its id (in a pid file, a lock, a run's owner) is still there, and what it was started
/// as: a pid file can outlive its process, and the id can since belong to another program.
public enum ProcessLiveness {
    /// Whether a process with this id exists: `kill(pid, 0)` succeeds, or fails with EPERM (another user's process
    /// is alive too). Not for ids of zero or below, which name process groups.
    public static func exists(pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno != ESRCH
    }

    /// The arguments the process was started with (`/proc/PID/cmdline`); nil when they cannot be read (the process
    /// is gone, or the system has no `/proc`).
    public static func arguments(pid: Int32) -> [String]? {
        guard pid > 0, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
        return data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}
