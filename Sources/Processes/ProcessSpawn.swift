import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts programs with `posix_spawn`, in place of Foundation's `Process`, which on Linux hands a child the signal
/// mask of the thread that spawns it (in Swift concurrency, nearly every signal blocked, SIGTERM included) and
/// whose `run()` crashes now and then reading `/proc/self/fd` (a 256-byte over-read of each entry's name,
/// swift-corelibs-foundation#5472, still in Swift 6.3).
///
/// The child gets an empty signal mask and the default SIGPIPE action, `/dev/null` as standard input, the given
/// descriptors as standard output and error (or this process's), and none of this process's other descriptors.
public enum ProcessSpawn {
    /// A program that could not be started, with the system's reason.
    public struct Failure: Error, CustomStringConvertible {
        public var code: Int32
        public var description: String { String(cString: strerror(code)) }
    }

    /// How a child ended.
    public struct Termination: Sendable, Hashable {
        /// The exit status, or 128 + the signal number for a child killed by a signal.
        public var status: Int32
        /// It was killed by a signal rather than exiting.
        public var signalled: Bool
    }

    /// Spawns `executable` (a path) with `arguments` (its `argv`, the program's name first) and exactly
    /// `environment`; returns its process id, to be reaped with ``wait(_:)``.
    /// - Parameters:
    ///   - stdout: the child's standard output; nil keeps this process's.
    ///   - stderr: the child's standard error; nil keeps this process's.
    public static func spawn(
        _ executable: String, arguments: [String], environment: [String: String], stdout: Int32? = nil,
        stderr: Int32? = nil
    ) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdout { posix_spawn_file_actions_adddup2(&actions, stdout, 1) }
        if let stderr { posix_spawn_file_actions_adddup2(&actions, stderr, 2) }
        _ = addCloseFrom?(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + variables).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, variables)
        guard code == 0 else { throw Failure(code: code) }
        return pid
    }

    /// A pipe whose ends are closed on exec (a child gets an end only as its standard output or error).
    public static func pipe() throws(Failure) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard Glibc.pipe(&fds) == 0 else { throw Failure(code: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Waits for the child `pid` to end and reaps it.
    public static func wait(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return termination(status)
    }

    /// Reaps the child `pid` if it has ended; nil while it runs.
    public static func ended(_ pid: pid_t) -> Termination? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? termination(status) : nil
    }

    private static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        return Termination(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, signalled: signal != 0)
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does not export:
    /// closes every descriptor from 3 up in the child, so it inherits none of ours (sockets, files, pipes).
    private static let addCloseFrom: CloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }
}
