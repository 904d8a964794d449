import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a program in a session of its own, detached from the terminal and from this process's open files: its
/// standard input is `/dev/null`, its standard output and error go to a log file.
public enum DetachedProcess {
    /// POSIX_SPAWN_SETSID (glibc 2.26+), which Swift does not see because it is behind _GNU_SOURCE.
    private static let setsid: Int16 = 0x80

    /// Spawns `arguments` (the first is the program's path) and returns its id; the log is appended to.
    public static func spawn(_ arguments: [String], log: URL) throws -> Int32 {
        markDescriptorsCloseOnExec()
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, setsid)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw SandboxProcessError("could not start the sandbox process: \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Whether `pid`, a child this process spawned, has exited (reaping it); false for any other process.
    public static func hasExited(_ pid: Int32) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid
    }

    /// Marks every descriptor above stderr close-on-exec: a long-lived child must not hold open what this process
    /// inherited, such as a caller's pipes, whose readers would then never see their end.
    private static func markDescriptorsCloseOnExec() {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}
