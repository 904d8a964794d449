import Foundation
import Sandbox

/// The clusters end-to-end tests drive: Kubernetes is the cluster `TENANTCTL_E2E_KUBECONFIG` names (its current
/// context), else a sandbox the CLI starts (`tenantctl sandbox start`) in a temporary directory; the CCE side is
/// always that sandbox. The sandbox stops afterwards; tests use unique names and clean up, so they run unchanged
/// against a real cluster.
public struct E2ECluster: Sendable {
    /// The kubeconfig of the Kubernetes side.
    public let kubeconfig: String
    /// Where the sandbox keeps its state (port, token, CA, kubeconfig, CCE credentials).
    public let sandboxDirectory: URL
    /// A directory for kubectl's cache and home, and for the test's files.
    public let workDirectory: URL
    /// Whether the Kubernetes side is the sandbox (not a real cluster).
    public let isSandbox: Bool

    /// Runs `body`; the sandbox started for it is stopped whatever happens.
    /// - Parameter inventory: an inventory whose CCE clusters the sandbox stands in for.
    public static func with<T>(cli: CommandRunner, inventory: String? = nil, _ body: (E2ECluster) throws -> T) throws
        -> T
    {
        let cluster = try start(cli: cli, inventory: inventory)
        defer { cluster.stop(cli: cli) }
        return try body(cluster)
    }

    /// Starts the sandbox in a new work directory; `stop` ends it and removes the directory.
    /// - Parameter realisticControllers: controllers as slow as a real control plane's (a deleted namespace's first
    ///   cleanup pass after 5 s), for tests about that latency; others run with fast ones, to keep the suite short.
    public static func start(cli: CommandRunner, inventory: String? = nil, realisticControllers: Bool = false) throws
        -> E2ECluster
    {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let state = work.appendingPathComponent("sandbox")
        let started = try cli.run(
            ["sandbox", "start", "--state-dir", state.path, "--cce-delay", "0"]
                + (inventory.map { ["--inventory", $0] } ?? [])
                + (realisticControllers ? [] : ["--fast-controllers"]))
        guard started.status == 0 else {
            try? FileManager.default.removeItem(at: work)
            throw Tool.Failure(command: "tenantctl sandbox start", status: started.status, stderr: started.stderr)
        }
        let real = ProcessInfo.processInfo.environment["TENANTCTL_E2E_KUBECONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        return E2ECluster(
            kubeconfig: real ?? SandboxDirectory(state.path).kubeconfig.path, sandboxDirectory: state,
            workDirectory: work, isSandbox: real == nil)
    }

    public func stop(cli: CommandRunner) {
        _ = try? cli.run(["sandbox", "stop", "--state-dir", sandboxDirectory.path])
        try? FileManager.default.removeItem(at: workDirectory)
    }

    /// The sandbox's files, as `tenantctl sandbox` lays them out.
    public var sandbox: SandboxDirectory { SandboxDirectory(sandboxDirectory.path) }

    /// The sandbox's CA certificate, which its kubeconfig trusts and `TENANTCTL_CCE_CA_FILE` names.
    public var certificateAuthorityFile: String { sandbox.certificateAuthority.path }

    /// The environment that points tenantctl's CCE client at the sandbox, trusting its CA, and polls it every
    /// 200 ms (its state changes at once).
    public func cceEnvironment() throws -> [String: String] {
        [
            "TENANTCTL_CCE_ENDPOINT": try endpoint().absoluteString,
            "TENANTCTL_CCE_CREDENTIALS_FILE": sandbox.cceCredentials.path,
            "TENANTCTL_CCE_CA_FILE": certificateAuthorityFile, "TENANTCTL_CCE_POLL_INTERVAL": "0.2",
        ]
    }

    /// Calls the sandbox's own API (`/_sandbox/faults`, `/_sandbox/requests`) with its token, over HTTPS verified
    /// against its CA.
    @discardableResult
    public func sandboxAdmin(_ method: String, _ path: String, body: String? = nil) throws -> String {
        let endpoint = try endpoint()
        guard let token = sandbox.token() else { throw MissingFile(file: sandbox.tokenFile.path) }
        var arguments = [
            "-sS", "--fail", "--cacert", certificateAuthorityFile, "-X", method, "-H", "Authorization: Bearer \(token)",
            "\(endpoint.absoluteString)\(path)",
        ]
        if let body { arguments += ["-H", "Content-Type: application/json", "--data", body] }
        return try Tool.run("curl", arguments)
    }

    /// The sandbox's address, from the port it reported.
    private func endpoint() throws -> URL {
        guard let endpoint = sandbox.endpoint() else { throw MissingFile(file: sandbox.portFile.path) }
        return endpoint
    }

    /// A file of the sandbox's directory that is not there (the sandbox is not serving).
    public struct MissingFile: Error, CustomStringConvertible {
        public var file: String
        public var description: String { "no \(file): the sandbox is not serving" }
    }

    /// A name no other run uses: `prefix-` and 8 random characters.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(8))"
    }

    /// The Kubernetes version the server reports, as an inventory writes it (`v1.32`).
    public func serverVersion() throws -> String {
        let report =
            try JSONSerialization.jsonObject(with: Data(try kubectl(["version", "-o", "json"]).utf8)) as? [String: Any]
        let server = report?["serverVersion"] as? [String: Any]
        let minor = (server?["minor"] as? String ?? "").filter(\.isNumber)
        return "v\(server?["major"] as? String ?? "1").\(minor)"
    }

    /// Runs `/usr/bin/kubectl` against the cluster with a private cache and home.
    @discardableResult
    public func kubectl(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = workDirectory.path
        environment["KUBECONFIG"] = nil
        let cache = workDirectory.appendingPathComponent("kube-cache").path
        return try Tool.run(
            "/usr/bin/kubectl", ["--kubeconfig", kubeconfig, "--cache-dir", cache] + arguments, environment: environment
        )
    }
}
