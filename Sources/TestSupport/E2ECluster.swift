import Foundation

/// The Kubernetes cluster end-to-end tests drive: the one `TENANTCTL_E2E_KUBECONFIG` names (its current
/// context), else a sandbox the CLI starts (`tenantctl sandbox start`) in a temporary directory and stops
/// afterwards. Tests use unique names and clean up, so they run unchanged against a real cluster.
public struct E2ECluster: Sendable {
    public let kubeconfig: String
    /// Where the sandbox's state lives; nil against a real cluster.
    public let sandboxDirectory: URL?
    /// A directory for kubectl's cache and home, and for the test's files.
    public let workDirectory: URL

    public var isSandbox: Bool { sandboxDirectory != nil }

    /// Runs `body` against the cluster; a sandbox started for it is stopped whatever happens.
    public static func with<T>(cli: CommandRunner, _ body: (E2ECluster) throws -> T) throws -> T {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        if let real = ProcessInfo.processInfo.environment["TENANTCTL_E2E_KUBECONFIG"], !real.isEmpty {
            return try body(E2ECluster(kubeconfig: real, sandboxDirectory: nil, workDirectory: work))
        }
        let state = work.appendingPathComponent("sandbox")
        let started = try cli.run(["sandbox", "start", "--state-dir", state.path])
        guard started.status == 0 else {
            throw Tool.Failure(command: "tenantctl sandbox start", status: started.status, stderr: started.stderr)
        }
        defer { _ = try? cli.run(["sandbox", "stop", "--state-dir", state.path]) }
        return try body(
            E2ECluster(
                kubeconfig: state.appendingPathComponent("kubeconfig").path, sandboxDirectory: state, workDirectory: work))
    }

    /// A name no other run uses: `prefix-` and 8 random characters.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(8))"
    }

    /// Runs `/usr/bin/kubectl` against the cluster with a private cache and home.
    @discardableResult
    public func kubectl(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = workDirectory.path
        environment["KUBECONFIG"] = nil
        let cache = workDirectory.appendingPathComponent("kube-cache").path
        return try Tool.run(
            "/usr/bin/kubectl", ["--kubeconfig", kubeconfig, "--cache-dir", cache] + arguments, environment: environment)
    }
}
