import Foundation
import HTTP
import JSON

/// Runs an exec credential plugin and caches what it returns until its `expirationTimestamp`, sharing one
/// run among concurrent callers. The plugin's output is a secret: it is parsed, never logged.
actor ExecCredentialPlugin {
    private let config: ExecConfig
    private let cluster: JSONValue?
    private let timeout: Duration
    private let log: LogHandler?
    private var cached: PluginCredential?
    private var running: Task<PluginCredential, any Error>?

    /// - Parameter cluster: the `spec.cluster` object of `KUBERNETES_EXEC_INFO`, sent when `provideClusterInfo` is set.
    init(config: ExecConfig, cluster: JSONValue?, timeout: Duration = .seconds(60), log: LogHandler?) {
        self.config = config
        self.cluster = config.provideClusterInfo ? cluster : nil
        self.timeout = timeout
        self.log = log
    }

    /// A valid credential: the cached one, or a fresh one from running the plugin.
    func credential(now: Date = Date()) async throws -> PluginCredential {
        if let cached, cached.isValid(at: now) { return cached }
        if let running { return try await running.value }
        let task = Task { try await self.runPlugin() }
        running = task
        defer { running = nil }
        let credential = try await task.value
        cached = credential
        return credential
    }

    /// Forgets the cached credential, after the server rejected it (401).
    func invalidate() {
        cached = nil
    }

    private func runPlugin() async throws -> PluginCredential {
        let command = config.command
        func failure(_ problem: ExecPluginError.Problem) -> ExecPluginError {
            ExecPluginError(command: command, problem: problem)
        }
        if config.interactiveMode == "Always" {
            throw failure(.unsupported("it requires an interactive terminal (interactiveMode: Always)"))
        }
        guard ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"].contains(config.apiVersion)
        else { throw failure(.unsupported("apiVersion \(config.apiVersion) is not supported")) }
        guard let executable = Self.locate(command) else { throw failure(.notFound(installHint: config.installHint)) }
        log?(LogRecord(.info, "running exec credential plugin \"\(command)\""))
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try await ProcessRunner.run(
                executable: executable, arguments: config.args, environment: environment(), timeout: timeout)
        } catch {
            switch error {
            case .cannotStart(let reason): throw failure(.cannotStart(reason))
            case .timedOut: throw failure(.timedOut(seconds: Int(timeout.components.seconds)))
            }
        }
        guard outcome.status == 0 else { throw failure(.exited(status: outcome.status)) }
        do {
            let credential = try PluginCredential.parse(outcome.output, expectedAPIVersion: config.apiVersion)
            let until = credential.expiry.map { " until \($0.formatted(.iso8601))" } ?? ""
            let kind = credential.token != nil ? "a token" : "a client certificate"
            log?(LogRecord(.debug, "exec credential plugin \"\(command)\" returned \(kind), cached\(until)"))
            return credential
        } catch {
            throw failure(error)
        }
    }

    private func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for variable in config.env { environment[variable.name] = variable.value.revealed }
        var spec: JSONValue = ["interactive": false]
        if let cluster { spec["cluster"] = cluster }
        let info: JSONValue = ["apiVersion": .string(config.apiVersion), "kind": "ExecCredential", "spec": spec]
        environment["KUBERNETES_EXEC_INFO"] = info.jsonString()
        return environment
    }

    /// The command itself when it names a path, else the first executable of that name on `PATH`.
    private static func locate(_ command: String) -> String? {
        let files = FileManager.default
        if command.contains("/") { return files.isExecutableFile(atPath: command) ? command : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(command)" }.first { files.isExecutableFile(atPath: $0) }
    }
}
