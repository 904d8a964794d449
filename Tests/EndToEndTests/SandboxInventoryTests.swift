import CloudAPI
import Foundation
import KubeAPI
import TestSupport
import Testing

/// `tenantctl sandbox start --inventory`, driven through the real binary: the inventory's contexts reach the
/// sandbox with kubectl, its CCE clusters exist from the start, and the pod security group CRD is served.
/// Commands run on threads of their own: `start` blocks until the server is up.
@Suite(.serialized) struct SandboxInventoryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let kubectl = "/usr/bin/kubectl"

    /// `kubectl --kubeconfig kubeconfig arguments...`, its standard output.
    private func runKubectl(_ kubeconfig: String, _ arguments: String...) async throws -> String {
        try await onOwnThread { try Tool.run(Self.kubectl, ["--kubeconfig", kubeconfig] + arguments) }
    }

    /// A sandbox started with the example inventory in a fresh state directory; stopped after `body`.
    private func withStartedSandbox(_ body: (_ kubeconfig: String, _ started: String) async throws -> Void)
        async throws
    {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let directory = try TemporaryDirectory(prefix: "sandbox-inventory")
        defer { directory.remove() }
        let state = directory.url.appendingPathComponent("sandbox").path
        let start = try await onOwnThread {
            try cli.run([
                "sandbox", "start", "--state-dir", state, "--inventory", "Tenants/clusters.yaml", "--cce-delay", "0",
            ])
        }
        #expect(start.status == 0, "\(start.stdout)\(start.stderr)")
        do {
            try await body("\(state)/kubeconfig", start.stdout)
        } catch {
            _ = try? await onOwnThread { try cli.run(["sandbox", "stop", "--state-dir", state]) }
            throw error
        }
        let stop = try await onOwnThread { try cli.run(["sandbox", "stop", "--state-dir", state]) }
        #expect(stop.status == 0, "\(stop.stdout)\(stop.stderr)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: kubectl), "kubectl is not at /usr/bin/kubectl"))
    func theInventorysContextsAndTheSecurityGroupCRDReachTheSandbox() async throws {
        try await withStartedSandbox { kubeconfig, started in
            #expect(started.contains("export KUBECONFIG=\(kubeconfig)"), "\(started)")
            let state = URL(fileURLWithPath: kubeconfig).deletingLastPathComponent().path
            #expect(started.contains("export TENANTCTL_CCE_ENDPOINT=https://127.0.0.1:"), "\(started)")
            #expect(started.contains("export TENANTCTL_CCE_CREDENTIALS_FILE=\(state)/cce-credentials"), "\(started)")
            #expect(started.contains("export TENANTCTL_CCE_CA_FILE=\(state)/ca.crt"), "\(started)")

            let namespaces = try await runKubectl(kubeconfig, "--context", "shared-prod", "get", "ns")
            #expect(namespaces.contains("kube-system"))

            let contexts = try await runKubectl(kubeconfig, "config", "get-contexts", "-o", "name")
            let names = Set(contexts.split(separator: "\n").map(String.init))
            #expect(
                names == [
                    "tenantctl-sandbox", "shared-prod", "turbo-secure", "vpc-batch", "legacy-analytics", "external",
                ])
            let current = try await runKubectl(kubeconfig, "config", "current-context")
            #expect(current.trimmingCharacters(in: .whitespacesAndNewlines) == "tenantctl-sandbox")

            let groups = try await runKubectl(kubeconfig, "--context", "turbo-secure", "get", "sg", "-A")
            #expect(groups.isEmpty || groups.contains("No resources found"), "\(groups)")
        }
    }

    /// tenantctl's CCE client as `ClusterConnector` makes it: endpoints, trust and credentials from `environment`.
    private func cceClient(_ environment: [String: String]) throws -> CCEClient {
        CCEClient(
            endpoints: try CCEClient.Endpoints.resolve(region: "ap-southeast-1", environment: environment),
            credentials: try CCECredentialsLoader(environment: environment, homeDirectory: nil)
                .load(projectID: "0a1b2c3d4e5f60718293a4b5c6d7e8f9"))
    }

    @Test func theInventorysCCEClustersAreAvailableOverHTTPSTrustingTENANTCTL_CCE_CA_FILE() async throws {
        try await withStartedSandbox { kubeconfig, _ in
            let state = URL(fileURLWithPath: kubeconfig).deletingLastPathComponent()
            let port = try String(contentsOf: state.appendingPathComponent("sandbox.port"), encoding: .utf8)
            var environment = [
                "TENANTCTL_CCE_ENDPOINT": "https://127.0.0.1:\(port.trimmingCharacters(in: .whitespacesAndNewlines))",
                "TENANTCTL_CCE_CREDENTIALS_FILE": state.appendingPathComponent("cce-credentials").path,
            ]
            // Without the sandbox's CA the system's CAs decide, and they do not know it: refused, not retried.
            let refused = await #expect(throws: CCEError.self) { try await cceClient(environment).clusters() }
            guard case .transport(let failure)? = refused?.failure else {
                Issue.record("expected a TLS failure, got \(String(describing: refused))")
                return
            }
            #expect(failure.kind == .tls)
            #expect(refused?.attempts == 1)

            environment["TENANTCTL_CCE_CA_FILE"] = state.appendingPathComponent("ca.crt").path
            let client = try cceClient(environment)
            let clusters = try await client.clusters()
            #expect(
                Set(clusters.map(\.metadata.name)) == ["shared-prod", "turbo-secure", "vpc-batch", "legacy-analytics"])
            let turbo = try await client.cluster(id: "9d4f2b10-5b6f-11ef-9a3c-0255ac100043")
            #expect(turbo.spec.category == "Turbo")
            #expect(turbo.spec.containerNetwork.mode == .eni)
            #expect(turbo.status?.phase == .available)
            let certificate = try await client.clusterKubeconfig(id: "9d4f2b10-5b6f-11ef-9a3c-0255ac100043")
            #expect(try certificate.connection().server.absoluteString == environment["TENANTCTL_CCE_ENDPOINT"])
            let seeded = KubeClient(connection: try certificate.connection())
            #expect(try await seeded.list(apiVersion: "v1", kind: "Namespace").items.count >= 4)
        }
    }
}
