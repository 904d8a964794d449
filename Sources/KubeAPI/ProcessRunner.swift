import Foundation
import Synchronization

/// Runs a command to completion on a thread of its own, so a slow plugin never holds a cooperative thread.
/// Standard output is captured; standard error goes to the user's terminal, as kubectl lets it.
enum ProcessRunner {
    struct Outcome: Sendable {
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        process.standardOutput = stdout
        do {
            try process.run()
        } catch {
            return .failure(.cannotStart(error.localizedDescription))
        }
        let watch = Watch()
        let pid = process.processIdentifier
        let watchdog = Thread {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline, !watch.finished.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: 0.02)
            }
            if !watch.finished.load(ordering: .acquiring) {
                watch.killed.store(true, ordering: .releasing)
                kill(pid, SIGKILL)
            }
        }
        watchdog.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watch.finished.store(true, ordering: .releasing)
        if watch.killed.load(ordering: .acquiring) { return .failure(.timedOut) }
        return .success(Outcome(status: process.terminationStatus, output: output))
    }

    /// Flags shared between the runner and its watchdog.
    private final class Watch: Sendable {
        let finished = Atomic<Bool>(false)
        let killed = Atomic<Bool>(false)
    }
}
