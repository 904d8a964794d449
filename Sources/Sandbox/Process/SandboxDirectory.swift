import Foundation

/// Where a sandbox keeps its files (`tenantctl sandbox --state-dir`, by default `.tenantctl/sandbox`): the one
/// description of the layout that the CLI, the end-to-end tests and the demo share.
///
///     sandbox.pid       the serving process's id, while it serves
///     sandbox.port      the port it serves on at 127.0.0.1 (HTTPS), while it serves
///     sandbox.log       the serving process's standard output and error
///     token             the bearer token its Kubernetes API accepts (owner-only)
///     ca.crt            its certificate authority, which the kubeconfig trusts (the key beside it)
///     kubeconfig        a kubeconfig for it: a context per inventory cluster
///     cce-credentials   the AK/SK pair its CCE API accepts (owner-only)
///     objects/          the objects it stores
public struct SandboxDirectory: Sendable, Hashable {
    /// The directory `tenantctl sandbox` uses when none is named.
    public static let defaultPath = ".tenantctl/sandbox"

    public let url: URL

    public init(_ path: String) { url = URL(fileURLWithPath: path).standardizedFileURL }

    public var pidFile: URL { url.appendingPathComponent("sandbox.pid") }
    public var portFile: URL { url.appendingPathComponent("sandbox.port") }
    public var logFile: URL { url.appendingPathComponent("sandbox.log") }
    public var tokenFile: URL { url.appendingPathComponent("token") }
    public var certificateAuthority: URL { url.appendingPathComponent(SandboxTLS.certificateAuthorityFile) }
    public var kubeconfig: URL { url.appendingPathComponent("kubeconfig") }
    public var cceCredentials: URL { url.appendingPathComponent("cce-credentials") }
    public var objects: URL { url.appendingPathComponent("objects") }

    /// The port the serving process reported; nil when none serves (or it has not reported yet).
    public func port() -> Int? { line(portFile).flatMap { Int($0) } }

    /// The id the serving process recorded; nil when there is none (`SandboxProcess.running` says whether it lives).
    public func recordedPid() -> Int32? { line(pidFile).flatMap { Int32($0) } }

    /// The bearer token; nil before the first start.
    public func token() -> String? { line(tokenFile).flatMap { $0.isEmpty ? nil : $0 } }

    /// The address its APIs (Kubernetes, CCE and its own `/_sandbox`) answer at, while it serves.
    public func endpoint() -> URL? { port().flatMap { URL(string: "https://127.0.0.1:\($0)") } }

    /// A one-line file's text, trimmed.
    private func line(_ file: URL) -> String? {
        (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
