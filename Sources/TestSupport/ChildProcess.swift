import Foundation
import Processes
import Synchronization

/// A helper process a test started (stunnel, a misbehaving server), spawned through ``ProcessSpawn`` with its
/// output discarded, and held until it is ended.
final class ChildProcess: Sendable {
    private let pid: Mutex<pid_t?>

    /// Starts `arguments` (a program on `PATH`, then its arguments) through `/usr/bin/env`, in this environment.
    init(_ arguments: [String]) throws {
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(null) }
        pid = Mutex(
            try ProcessSpawn.spawn(
                "/usr/bin/env", arguments: ["/usr/bin/env"] + arguments,
                environment: ProcessInfo.processInfo.environment, stdout: null, stderr: null))
    }

    /// Ends the process (SIGKILL: a helper has nothing to save) and reaps it, once. Not reaped before, its id
    /// cannot have gone to another process.
    func end() {
        pid.withLock { pid in
            guard let running = pid else { return }
            kill(running, SIGKILL)
            _ = ProcessSpawn.wait(running)
            pid = nil
        }
    }
}
