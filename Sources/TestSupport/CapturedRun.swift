import Foundation
import Processes
import Synchronization

/// Runs a program to completion through ``ProcessSpawn`` (not Foundation's `Process`, whose `run()` crashes now
/// and then on Linux), reading its standard output and error while it writes them, so a full pipe never stalls it.
enum CapturedRun {
    struct Output {
        var termination: ProcessSpawn.Termination
        var stdout: Data
        var stderr: Data
    }

    /// Runs `arguments` (a program on the environment's `PATH`, or a path, then its arguments) through
    /// `/usr/bin/env`, in `directory` when given; with `timeout`, a run still going then is killed.
    static func run(
        _ arguments: [String], environment: [String: String], in directory: String? = nil, timeout: Duration? = nil
    ) throws -> Output {
        let out = try ProcessSpawn.pipe(), err = try ProcessSpawn.pipe()
        let pid: pid_t
        do {
            pid = try spawn(arguments, environment: environment, in: directory, stdout: out.write, stderr: err.write)
        } catch {
            [out.read, out.write, err.read, err.write].forEach { close($0) }
            throw error
        }
        close(out.write)
        close(err.write)
        // Reaped only under this lock, so a late timeout never kills a process that has since taken the id.
        let reaped = Mutex(false)
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(timeout / .milliseconds(1)))) {
                reaped.withLock { if !$0 { kill(pid, SIGKILL) } }
            }
        }
        let errors = Mutex(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = FileHandle(fileDescriptor: err.read, closeOnDealloc: true).readDataToEndOfFile()
            errors.withLock { $0 = data }
            group.leave()
        }
        let output = FileHandle(fileDescriptor: out.read, closeOnDealloc: true).readDataToEndOfFile()
        group.wait()
        while true {
            let ended = reaped.withLock { done -> ProcessSpawn.Termination? in
                let ended = ProcessSpawn.ended(pid)
                done = ended != nil
                return ended
            }
            if let ended { return Output(termination: ended, stdout: output, stderr: errors.withLock { $0 }) }
            usleep(2_000)
        }
    }

    /// Spawns `arguments` (a program on the environment's `PATH`, or a path, then its arguments) through
    /// `/usr/bin/env`, in `directory` when given (`env -C`).
    static func spawn(
        _ arguments: [String], environment: [String: String], in directory: String?, stdout: Int32, stderr: Int32
    ) throws -> pid_t {
        let argv = ["/usr/bin/env"] + (directory.map { ["-C", $0] } ?? []) + arguments
        return try ProcessSpawn.spawn(
            "/usr/bin/env", arguments: argv, environment: environment, stdout: stdout, stderr: stderr)
    }
}
