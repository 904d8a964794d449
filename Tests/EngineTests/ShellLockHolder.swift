import Engine
import Foundation

/// Another process holding a tenant lock: a shell that creates the lock file exclusively (`set -C`) with its
/// own pid, then removes it and exits when told to.
final class ShellLockHolder {
    let process: Process
    let input: Pipe
    var pid: Int32 { process.processIdentifier }

    init(lockFile: URL) throws {
        try FileManager.default.createDirectory(
            at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let script = """
            set -C
            printf '{"host":"%s","owner":"shell-run","pid":%d,"since":"2026-03-01T00:00:00Z"}' "$1" $$ > "$0" || exit 3
            echo ready
            read line
            rm -f "$0"
            """
        process.arguments = ["-c", script, lockFile.path, LocalProcess.hostName]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Wait until the lock file is whole before anyone looks at it.
        var printed = Data()
        while !String(decoding: printed, as: UTF8.self).contains("ready\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: lockFile.path]) }
            printed += chunk
        }
    }

    /// Tells the shell to remove its lock file and waits for it to exit.
    func release() {
        try? input.fileHandleForWriting.write(contentsOf: Data("go\n".utf8))
        process.waitUntilExit()
    }
}
