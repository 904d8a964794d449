import Foundation
import Processes
import Sandbox
import TestSupport
import Testing

/// The sandbox's directory and its serving process, without the CLI: a shell script stands in for `sandbox serve`
/// (it records itself as `serve` does and ends on SIGTERM).
@Suite struct SandboxProcessTests {
    /// Records its pid and port 4321 in the directory `$1`, as `sandbox serve` does, and serves until SIGTERM.
    static let server = """
        trap 'rm -f "$1/sandbox.pid" "$1/sandbox.port"; exit 0' TERM
        echo $$ > "$1/sandbox.pid"; echo 4321 > "$1/sandbox.port"; echo started
        while :; do sleep 0.05; done
        """

    @Test func startsFindsAndStopsTheServingProcess() async throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let directory = SandboxDirectory(temporary.path)
        #expect(SandboxProcess.running(in: directory) == nil)

        let (process, port) = try await SandboxProcess.start(
            ["/bin/sh", "-c", Self.server, "serve", directory.url.path], in: directory)
        #expect(port == 4321)
        #expect(directory.endpoint()?.absoluteString == "https://127.0.0.1:4321")
        #expect(SandboxProcess.running(in: directory) == process)
        #expect(ProcessLiveness.exists(pid: process.pid))

        try await process.stop(in: directory)
        #expect(SandboxProcess.running(in: directory) == nil)
        #expect(directory.port() == nil)
        #expect(try String(contentsOf: directory.logFile, encoding: .utf8) == "started\n")
    }

    @Test func aServerThatExitsDuringStartUpIsReportedWithItsLastLogLine() async throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let directory = SandboxDirectory(temporary.path)
        let error = await #expect(throws: SandboxProcessError.self) {
            try await SandboxProcess.start(["/bin/sh", "-c", "echo 'bad port' >&2; exit 1"], in: directory)
        }
        #expect(error?.description == "the sandbox exited during start-up: bad port (log: \(directory.logFile.path))")
    }

    @Test func aPidFileNamingAnotherProgramIsNoSandbox() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let directory = SandboxDirectory(temporary.path)
        // This test process is alive, but it is not a `serve`.
        try temporary.write("sandbox.pid", "\(getpid())\n")
        #expect(directory.recordedPid() == getpid())
        #expect(SandboxProcess.running(in: directory) == nil)
        try temporary.write("sandbox.pid", "not a number")
        #expect(SandboxProcess.running(in: directory) == nil)
    }

    @Test func theTokenIsKeptAcrossStarts() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let directory = SandboxDirectory(temporary.path)
        #expect(directory.token() == nil)
        let token = try directory.keptToken()
        #expect(token.count == 32)
        #expect(try directory.keptToken() == token)
        let mode = try FileManager.default.attributesOfItem(atPath: directory.tokenFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func theLayoutIsTheDocumentedOne() {
        let directory = SandboxDirectory("/tmp/sandbox/../state")
        #expect(directory.url.path == "/tmp/state")
        #expect(
            [
                directory.pidFile, directory.portFile, directory.logFile, directory.tokenFile,
                directory.certificateAuthority, directory.kubeconfig, directory.cceCredentials, directory.objects,
            ].map(\.lastPathComponent)
                == [
                    "sandbox.pid", "sandbox.port", "sandbox.log", "token", "ca.crt", "kubeconfig", "cce-credentials",
                    "objects",
                ])
    }

    @Test func livenessOfProcessIds() {
        #expect(ProcessLiveness.exists(pid: getpid()))
        #expect(!ProcessLiveness.exists(pid: 0))
        #expect(!ProcessLiveness.exists(pid: -1))
        #expect(ProcessLiveness.arguments(pid: getpid())?.isEmpty == false)
    }
}
