import Foundation
import Processes
import Synchronization

/// A process a test started and holds until it ends it (stunnel, a misbehaving server, a `tenantctl` run to be
/// killed), spawned through ``ProcessSpawn`` with its output discarded.
public final class ChildProcess: Sendable {
    private struct State {
        var pid: pid_t
        var ended: ProcessSpawn.Termination?
    }

    private let state: Mutex<State>

    /// Starts `arguments` (a program on `PATH` or a path, then its arguments) through `/usr/bin/env`, with exactly
    /// `environment`, in `directory` when given.
    public init(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        in directory: String? = nil
    ) throws {
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(null) }
        state = Mutex(
            State(
                pid: try CapturedRun.spawn(
                    arguments, environment: environment, in: directory, stdout: null, stderr: null)
            ))
    }

    /// How it ended, once it has (reaping it); nil while it runs.
    public func ended() -> ProcessSpawn.Termination? {
        state.withLock { state in
            if state.ended == nil { state.ended = ProcessSpawn.ended(state.pid) }
            return state.ended
        }
    }

    /// Ends it with SIGKILL unless it has ended, and reaps it; how it ended. Its id is killed only while it is not
    /// reaped, so never another process's.
    @discardableResult
    public func end() -> ProcessSpawn.Termination {
        state.withLock { state in
            if let ended = state.ended { return ended }
            kill(state.pid, SIGKILL)
            let ended = ProcessSpawn.wait(state.pid)
            state.ended = ended
            return ended
        }
    }
}
