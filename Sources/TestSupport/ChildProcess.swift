import Foundation
import Synchronization

/// A helper process a test started (stunnel, a misbehaving server), held until it is ended.
enum ChildProcess {
    /// Ends the process and waits for it to exit, once. SIGKILL, because a child spawned from a Dispatch worker
    /// thread inherits that thread's blocked signals, SIGTERM among them.
    static func end(_ held: borrowing Mutex<Process?>) {
        held.withLock { process in
            guard let running = process else { return }
            if running.isRunning { kill(running.processIdentifier, SIGKILL) }
            running.waitUntilExit()
            process = nil
        }
    }
}
