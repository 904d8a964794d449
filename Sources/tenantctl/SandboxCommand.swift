import ArgumentParser
import Foundation
import Sandbox

#if canImport(Glibc)
    import Glibc
#endif

/// `tenantctl sandbox`: an embedded Kubernetes API server on loopback for the demo and for trying things out.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local Kubernetes API sandbox that kubectl and tenantctl can talk to.",
        discussion: """
            The sandbox speaks the Kubernetes API (for kubectl and tenantctl) and the CCE v3 API on 127.0.0.1,
            over HTTPS (HTTP/2 or HTTP/1.1) with a certificate authority of its own, kept in its directory
            (ca.crt) and trusted by its kubeconfig; with --inventory it stands in for every cluster of an inventory.

            Examples:
              tenantctl sandbox start --inventory Tenants/clusters.yaml
              KUBECONFIG=.tenantctl/sandbox/kubeconfig kubectl get namespaces
              tenantctl sandbox status
              tenantctl sandbox stop
            """,
        subcommands: [Start.self, Stop.self, Status.self, Serve.self])

    /// A sandbox that would not start or stop, in one sentence.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Where a sandbox keeps its pid, port, token, certificate authority, kubeconfig, log and objects.
    struct Location: ParsableArguments {
        @Option(
            name: .customLong("state-dir"),
            help: "The sandbox's directory: pid, port, token, CA and keys, kubeconfig, log and objects.")
        var stateDirectory: String = ".tenantctl/sandbox"

        var directory: URL { URL(fileURLWithPath: stateDirectory).standardizedFileURL }
        var pidFile: URL { directory.appendingPathComponent("sandbox.pid") }
        var portFile: URL { directory.appendingPathComponent("sandbox.port") }
        var tokenFile: URL { directory.appendingPathComponent("token") }
        var kubeconfig: URL { directory.appendingPathComponent("kubeconfig") }
        var logFile: URL { directory.appendingPathComponent("sandbox.log") }
        var objects: URL { directory.appendingPathComponent("objects") }
        var cceCredentials: URL { directory.appendingPathComponent("cce-credentials") }
        var certificateAuthority: URL { directory.appendingPathComponent(SandboxTLS.certificateAuthorityFile) }

        /// The pid of the sandbox serving from this directory, if one is alive.
        func runningPid() -> Int32? {
            guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) == 0,
                let commandLine = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")),
                String(decoding: commandLine, as: UTF8.self).contains("serve")
            else { return nil }
            return pid
        }

        func port() -> Int? {
            (try? String(contentsOf: portFile, encoding: .utf8)).flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }

        func usage(port: Int, pid: Int32) -> String {
            let cce = FileManager.default.fileExists(atPath: cceCredentials.path)
            let cceExports = SandboxCCECredentials.exports(
                file: cceCredentials, port: port, certificateAuthority: certificateAuthority)
            return """
                sandbox running (pid \(pid)) at https://127.0.0.1:\(port)
                  kubeconfig: \(kubeconfig.path)
                  CA:         \(certificateAuthority.path)   (the sandbox's own; the kubeconfig trusts it)
                  try:        KUBECONFIG=\(kubeconfig.path) kubectl get ns
                """
                + (cce ? "\n" + SandboxCCECredentials.usage(file: cceCredentials, port: port) : "")
                + "\npoint tenantctl at it:\n  export KUBECONFIG=\(kubeconfig.path)"
                + (cce ? "\n" + cceExports : "")
        }
    }
}

extension SandboxCommand {
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a sandbox in the background and write a kubeconfig for it.")

        @OptionGroup var location: Location
        @OptionGroup var options: ServerOptions

        func run() async throws {
            if let pid = location.runningPid(), let port = location.port() {
                print("a sandbox is already running in \(location.directory.path)")
                print(location.usage(port: port, pid: pid))
                return
            }
            let fileManager = FileManager.default
            let inventory = try options.inventory.map(SandboxInventory.load)
            try fileManager.createDirectory(at: location.directory, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: location.portFile)
            let token = try keptToken()
            let tls = try SandboxTLS.loadOrCreate(in: location.directory)
            if !fileManager.fileExists(atPath: location.cceCredentials.path) {
                try SandboxCCECredentials.create(at: location.cceCredentials)
            }
            let pid = try spawnServer()
            let port = try await waitForPort(pid: pid)
            let url = URL(string: "https://127.0.0.1:\(port)") ?? location.directory
            try SandboxKubeconfig.write(
                url: url, token: token, certificateAuthority: try tls.authority.certificatePEM,
                aliases: inventory?.contextNames ?? [], to: location.kubeconfig)
            print(location.usage(port: port, pid: pid))
        }

        /// The token of an earlier start from this directory, else a new random one written there (owner-only):
        /// with the CA kept too, a kubeconfig from an earlier start stays valid (on the same `--port`).
        private func keptToken() throws -> String {
            let kept = (try? String(contentsOf: location.tokenFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if let kept, !kept.isEmpty { return kept }
            let token = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
            try PrivateFile.write(Data(token.utf8), to: location.tokenFile)
            return token
        }

        /// Re-runs this executable as `sandbox serve` in a new session, detached from the terminal.
        private func spawnServer() throws -> Int32 {
            Self.keepDescriptorsFromTheServer()
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            let arguments = [executable, "sandbox", "serve", "--state-dir", location.directory.path] + options.arguments
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            // POSIX_SPAWN_SETSID (glibc 2.26+), which Swift does not see because it is behind _GNU_SOURCE.
            let setsid: Int16 = 0x80
            posix_spawnattr_setflags(&attributes, setsid)
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, location.logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            let argv = arguments.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid = pid_t()
            let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
            guard result == 0 else {
                throw Failure(description: "could not start the sandbox process: \(String(cString: strerror(result)))")
            }
            return pid
        }

        /// Marks every descriptor above stderr close-on-exec: the long-lived server must not hold open what this
        /// process inherited, such as a caller's pipes, whose readers would then never see their end.
        private static func keepDescriptorsFromTheServer() {
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
                let flags = fcntl(descriptor, F_GETFD)
                if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
            }
        }

        private func waitForPort(pid: Int32) async throws -> Int {
            for _ in 0..<200 {
                if let port = location.port() { return port }
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid {
                    let log = (try? String(contentsOf: location.logFile, encoding: .utf8)) ?? ""
                    let last = log.split(separator: "\n").last.map { ": \($0)" } ?? ""
                    throw Failure(
                        description: "the sandbox exited during start-up\(last) (log: \(location.logFile.path))")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw Failure(description: "the sandbox did not report its port within 10s (log: \(location.logFile.path))")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the sandbox (its objects stay on disk).")

        @OptionGroup var location: Location

        func run() async throws {
            guard let pid = location.runningPid() else {
                print("no sandbox running in \(location.directory.path)")
                return
            }
            kill(pid, SIGTERM)
            for _ in 0..<100 where kill(pid, 0) == 0 {
                try await Task.sleep(for: .milliseconds(100))
            }
            guard kill(pid, 0) != 0 else {
                throw Failure(description: "the sandbox (pid \(pid)) did not stop within 10s")
            }
            try? FileManager.default.removeItem(at: location.pidFile)
            try? FileManager.default.removeItem(at: location.portFile)
            print("sandbox stopped (pid \(pid))")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether a sandbox is running and how to reach it (exit code 1 when not running).")

        @OptionGroup var location: Location

        func run() async throws {
            guard let pid = location.runningPid(), let port = location.port() else {
                print("no sandbox running in \(location.directory.path)")
                throw ExitCode(1)
            }
            print(location.usage(port: port, pid: pid))
        }
    }

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the sandbox in the foreground until SIGTERM or SIGINT (what `start` runs).",
            shouldDisplay: false)

        @OptionGroup var location: Location
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let token = try String(contentsOf: location.tokenFile, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            var cce = try SandboxCCECredentials.configuration(
                from: location.cceCredentials, transitionDelay: options.cceDelay)
            let inventory = try options.inventory.map(SandboxInventory.load)
            cce?.seedClusters = inventory?.seedClusters ?? []
            cce?.networks = inventory?.networks ?? []
            let server = try SandboxServer(
                configuration: SandboxConfiguration(
                    token: token, tls: try SandboxTLS.loadOrCreate(in: location.directory),
                    gitVersion: options.kubeVersion, port: options.port, stateDirectory: location.objects,
                    controllerTimings: options.fastControllers ? ControllerTimings() : .realistic,
                    customResources: [.cceSecurityGroup], cce: cce))
            let url = try await server.start()
            try Data(String(getpid()).utf8).write(to: location.pidFile, options: .atomic)
            try Data(String(url.port ?? 0).utf8).write(to: location.portFile, options: .atomic)
            print("serving at \(url)")
            await Self.waitForTermination()
            await server.stop()
            try? FileManager.default.removeItem(at: location.portFile)
            try? FileManager.default.removeItem(at: location.pidFile)
            print("stopped")
        }

        /// Suspends until SIGTERM or SIGINT arrives.
        private static func waitForTermination() async {
            let (signals, continuation) = AsyncStream<Void>.makeStream()
            let sources = [SIGTERM, SIGINT].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number)
                source.setEventHandler { continuation.yield() }
                source.resume()
                return source
            }
            var iterator = signals.makeAsyncIterator()
            _ = await iterator.next()
            sources.forEach { $0.cancel() }
        }
    }
}

/// How the sandbox server runs: shared by `start`, which passes them on, and `serve`, which uses them.
struct ServerOptions: ParsableArguments {
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 0
    @Option(name: .customLong("kube-version"), help: "The Kubernetes version the sandbox reports.")
    var kubeVersion: String = "v1.31.4"
    @Option(
        name: .customLong("cce-delay"), help: "Seconds a CCE cluster, node pool or add-on takes to change state.")
    var cceDelay: Double = 5
    @Flag(
        help: """
            Controllers that react in milliseconds; by default they take as long as a real control plane's (a             deleted namespace's first cleanup pass after 5 s).
            """)
    var fastControllers = false
    @Option(
        help: """
            A cluster inventory the sandbox stands in for: its CCE clusters exist from the start, and the \
            kubeconfig has a context per cluster name and per context its kubeconfig refs name.
            """)
    var inventory: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
        guard cceDelay.isFinite, (0...3600).contains(cceDelay) else {
            throw ValidationError("--cce-delay must be a number of seconds from 0 to 3600, not \(cceDelay)")
        }
    }

    /// The same options as command-line arguments, for the `serve` process that `start` spawns.
    var arguments: [String] {
        ["--port", String(port), "--kube-version", kubeVersion, "--cce-delay", String(cceDelay)]
            + (fastControllers ? ["--fast-controllers"] : [])
            + (inventory.map { ["--inventory", URL(fileURLWithPath: $0).standardizedFileURL.path] } ?? [])
    }
}
