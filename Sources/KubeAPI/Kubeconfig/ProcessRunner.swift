import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command to completion on a thread of its own, so a slow plugin never holds a cooperative thread.
/// Standard output is captured; standard error goes to the user's terminal, as kubectl lets it.
///
/// Spawns with `posix_spawn` and an empty signal mask: Foundation's `Process` hands children the mask of the
/// thread that spawns them, which in Swift concurrency blocks nearly every signal, SIGTERM included.
enum ProcessRunner {
    struct Outcome: Sendable {
        /// The exit status, or 128 + the signal number for a command killed by a signal.
        var status: Int32
        var output: Data
    }

    enum Failure: Error {
        case cannotStart(String)
        case timedOut
    }

    static func run(
        executable: String, arguments: [String], environment: [String: String], timeout: Duration
    ) async throws(Failure) -> Outcome {
        let result: Result<Outcome, Failure> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: runBlocking(executable, arguments, environment, timeout))
            }
            thread.name = "tenantctl.exec"
            thread.start()
        }
        return try result.get()
    }

    private static func runBlocking(
        _ executable: String, _ arguments: [String], _ environment: [String: String], _ timeout: Duration
    ) -> Result<Outcome, Failure> {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return .failure(.cannotStart(String(cString: strerror(errno)))) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        var spawned = spawn(executable, [executable] + arguments, environment, stdout: writeEnd, other: readEnd)
        // ETXTBSY: the file is still open for writing somewhere, typically in a child that another thread
        // forked while the plugin was being written; that child closes it a moment later.
        for _ in 0..<5 {
            guard case .failure(.cannotStart(let reason)) = spawned, reason == String(cString: strerror(ETXTBSY)) else {
                break
            }
            usleep(20_000)
            spawned = spawn(executable, [executable] + arguments, environment, stdout: writeEnd, other: readEnd)
        }
        close(writeEnd)
        let pid: pid_t
        switch spawned {
        case .success(let child): pid = child
        case .failure(let failure):
            close(readEnd)
            return .failure(failure)
        }
        let (output, timedOut) = readAll(readEnd, until: ContinuousClock.now + timeout, orKill: pid)
        close(readEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        if timedOut { return .failure(.timedOut) }
        let signal = status & 0x7f
        return .success(Outcome(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, output: output))
    }

    private static func spawn(
        _ executable: String, _ argv: [String], _ environment: [String: String], stdout: Int32, other: Int32
    ) -> Result<pid_t, Failure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_addclose(&actions, stdout)
        posix_spawn_file_actions_addclose(&actions, other)
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
        let arguments = argv.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, arguments, variables)
        guard code == 0 else { return .failure(.cannotStart(String(cString: strerror(code)))) }
        return .success(pid)
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does not export:
    /// closes every descriptor from 3 up in the child, so a plugin inherits none of ours (sockets, files).
    private static let addCloseFrom: CloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }

    /// Reads `fd` to its end; at `deadline`, kills `pid` (not yet reaped, so still ours) and stops reading.
    private static func readAll(_ fd: Int32, until deadline: ContinuousClock.Instant, orKill pid: pid_t)
        -> (Data, timedOut: Bool)
    {
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                kill(pid, SIGKILL)
                return (output, true)
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining.milliseconds, 1_000)))
            if ready < 0 && errno != EINTR { return (output, false) }
            guard ready > 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            if count == -1 && errno == EINTR { continue }
            guard count > 0 else { return (output, false) }
            output.append(contentsOf: buffer[..<count])
        }
    }
}
