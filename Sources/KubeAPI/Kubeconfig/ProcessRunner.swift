import Foundation
import Processes

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command to completion on a thread of its own, so a slow plugin never holds a cooperative thread.
/// Standard output is captured; standard error goes to the user's terminal, as kubectl lets it.
///
/// Spawns through ``ProcessSpawn`` (`posix_spawn` with an empty signal mask, none of our descriptors), not
/// Foundation's `Process`.
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
        let pipe: (read: Int32, write: Int32)
        do {
            pipe = try ProcessSpawn.pipe()
        } catch {
            return .failure(.cannotStart(error.description))
        }
        var spawned = spawn(executable, arguments, environment, stdout: pipe.write)
        // ETXTBSY: the file is still open for writing somewhere, typically in a child that another thread
        // forked while the plugin was being written; that child closes it a moment later.
        for _ in 0..<5 {
            guard case .failure(.cannotStart(let reason)) = spawned, reason == String(cString: strerror(ETXTBSY)) else {
                break
            }
            usleep(20_000)
            spawned = spawn(executable, arguments, environment, stdout: pipe.write)
        }
        close(pipe.write)
        let pid: pid_t
        switch spawned {
        case .success(let child): pid = child
        case .failure(let failure):
            close(pipe.read)
            return .failure(failure)
        }
        let (output, timedOut) = readAll(pipe.read, until: ContinuousClock.now + timeout, orKill: pid)
        close(pipe.read)
        let ended = ProcessSpawn.wait(pid)
        if timedOut { return .failure(.timedOut) }
        return .success(Outcome(status: ended.status, output: output))
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], _ environment: [String: String], stdout: Int32
    ) -> Result<pid_t, Failure> {
        do {
            return .success(
                try ProcessSpawn.spawn(
                    executable, arguments: [executable] + arguments, environment: environment, stdout: stdout))
        } catch {
            return .failure(.cannotStart(error.description))
        }
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
