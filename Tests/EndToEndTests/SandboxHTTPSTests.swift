import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl sandbox start` serves HTTPS as a real kube-apiserver does, through the real binaries: kubectl
/// reaches it over HTTP/2 with the kubeconfig's CA and token, anonymous callers are refused, and the CA (and the
/// kubeconfig with it) outlives a restart from the same state directory. Commands run on threads of their own.
@Suite struct SandboxHTTPSTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let kubectl = "/usr/bin/kubectl"

    /// A sandbox directory in a scratch folder, and the CLI; the sandbox is stopped and the folder removed after.
    private func withSandboxDirectory(_ body: (URL, CommandRunner) async throws -> Void) async throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let directory = try TemporaryDirectory(prefix: "sandbox-https")
        defer { directory.remove() }
        let state = directory.url.appendingPathComponent("sandbox")
        do {
            try await body(state, cli)
        } catch {
            _ = try? await onOwnThread { try cli.run(["sandbox", "stop", "--state-dir", state.path]) }
            throw error
        }
        let stop = try await onOwnThread { try cli.run(["sandbox", "stop", "--state-dir", state.path]) }
        #expect(stop.status == 0, "\(stop.stdout)\(stop.stderr)")
    }

    private func start(_ cli: CommandRunner, _ state: URL, _ arguments: [String] = []) async throws -> String {
        let started = try await onOwnThread {
            try cli.run(["sandbox", "start", "--state-dir", state.path, "--cce-delay", "0"] + arguments)
        }
        #expect(started.status == 0, "\(started.stdout)\(started.stderr)")
        return started.stdout
    }

    /// Runs a tool to completion on its own thread: its exit status and its output (its errors when it failed).
    private func run(_ tool: String, _ arguments: [String], home: URL) async throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["KUBECONFIG"] = nil
        return try await onOwnThread { [environment] in
            do {
                return (0, try Tool.run(tool, arguments, environment: environment))
            } catch let failure as Tool.Failure {
                return (failure.status, failure.stderr)
            }
        }
    }

    private func runKubectl(_ kubeconfig: URL, _ arguments: String...) async throws -> (
        status: Int32, output: String
    ) {
        let home = kubeconfig.deletingLastPathComponent()
        return try await run(
            Self.kubectl,
            ["--kubeconfig", kubeconfig.path, "--cache-dir", home.appendingPathComponent("cache").path]
                + arguments, home: home)
    }

    private func file(_ state: URL, _ name: String) throws -> String {
        try String(contentsOf: state.appendingPathComponent(name), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: kubectl), "kubectl is not at /usr/bin/kubectl"))
    func kubectlGetsAndAppliesOverHTTP2WithTheTokenAndAnonymousCallersAreRefused() async throws {
        try await withSandboxDirectory { state, cli in
            let started = try await start(cli, state)
            let port = try file(state, "sandbox.port")
            #expect(started.contains("at https://127.0.0.1:\(port)"), "\(started)")
            let kubeconfig = state.appendingPathComponent("kubeconfig")
            let document = try JSONValue.parse(try Data(contentsOf: kubeconfig))
            let cluster = document["clusters"]?.arrayValue?.first?["cluster"]
            #expect(cluster?["server"] == .string("https://127.0.0.1:\(port)"))
            #expect(cluster?["certificate-authority-data"] != nil)
            #expect(cluster?["insecure-skip-tls-verify"] == nil)

            let namespaces = try await runKubectl(kubeconfig, "get", "ns")
            #expect(namespaces.status == 0, "\(namespaces.output)")
            #expect(namespaces.output.contains("kube-system"))
            let manifest = state.appendingPathComponent("configmap.yaml")
            try """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: over-tls, namespace: default}
            data: {protocol: h2}
            """.write(to: manifest, atomically: true, encoding: .utf8)
            let applied = try await runKubectl(kubeconfig, "apply", "--server-side", "-f", manifest.path)
            #expect(applied.status == 0, "\(applied.output)")
            #expect(applied.output.contains("configmap/over-tls serverside-applied"), "\(applied.output)")
            let read = try await runKubectl(
                kubeconfig, "get", "configmap", "over-tls", "-n", "default", "-o", "jsonpath={.data.protocol}")
            #expect(read.output == "h2", "\(read.output)")

            let authority = state.appendingPathComponent("ca.crt").path
            let base = "https://127.0.0.1:\(port)"
            let counts = try await run(
                "curl",
                [
                    "-sS", "--fail", "--cacert", authority, "-H", "Authorization: Bearer \(try file(state, "token"))",
                    "\(base)/_sandbox/requests",
                ], home: state)
            #expect(counts.status == 0, "\(counts.output)")
            let byProtocol = try JSONValue.parse(counts.output)["byProtocol"]?.objectValue ?? [:]
            #expect(Array(byProtocol.keys) == ["HTTP/2"], "kubectl speaks HTTP/2 over TLS: \(byProtocol)")

            let anonymous = try await run(
                "curl",
                [
                    "-sS", "--cacert", authority, "-o", "/dev/null", "-w", "%{http_code}",
                    "\(base)/api/v1/namespaces/default/configmaps",
                ], home: state)
            #expect(anonymous.output == "401", "\(anonymous.output)")
            let version = try await run(
                "curl", ["-sS", "--fail", "--cacert", authority, "\(base)/version"], home: state)
            #expect(version.status == 0, "anonymous callers may read /version: \(version.output)")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: kubectl), "kubectl is not at /usr/bin/kubectl"))
    func theCertificateAuthorityAndTheKubeconfigOutliveARestart() async throws {
        try await withSandboxDirectory { state, cli in
            let port = String(try LoopbackPort.free())
            _ = try await start(cli, state, ["--port", port])
            let authority = try file(state, "ca.crt")
            let earlier = state.deletingLastPathComponent().appendingPathComponent("earlier-kubeconfig")
            try FileManager.default.copyItem(at: state.appendingPathComponent("kubeconfig"), to: earlier)
            let stop = try await onOwnThread { try cli.run(["sandbox", "stop", "--state-dir", state.path]) }
            #expect(stop.status == 0, "\(stop.stdout)\(stop.stderr)")

            _ = try await start(cli, state, ["--port", port])
            #expect(try file(state, "ca.crt") == authority)
            for name in ["ca.crt", "ca.key", "server.key"] {
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: state.appendingPathComponent(name).path)
                #expect(attributes[.posixPermissions] as? Int == 0o600, "\(name)")
            }
            let namespaces = try await runKubectl(earlier, "get", "ns")
            #expect(namespaces.status == 0, "the earlier kubeconfig verifies and authenticates: \(namespaces.output)")
        }
    }
}
