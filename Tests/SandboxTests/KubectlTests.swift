import Foundation
import JSON
import Sandbox
import Testing

/// The real kubectl against the sandbox over HTTPS (HTTP/2, the sandbox's CA from the kubeconfig, the token):
/// get, client-side apply, server-side apply, diff and delete, checked by reading the store.
@Suite struct KubectlTests {
    static let kubectl = "/usr/bin/kubectl"

    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: kubectl), "kubectl is not installed at /usr/bin/kubectl"),
        arguments: ["v1.28.0", "v1.31.4"])
    func kubectlGetApplyDiffDelete(gitVersion: String) async throws {
        let configuration = TestSandbox.configuration(gitVersion: gitVersion)
        try await TestSandbox.withTemporaryDirectory { directory in
            try await TestSandbox.with(configuration) { server, _ in
                let url = try #require(server.url)
                let kubeconfig = directory.appendingPathComponent("kubeconfig")
                try SandboxKubeconfig.write(
                    url: url, token: TestSandbox.token, certificateAuthority: server.certificateAuthorityPEM,
                    to: kubeconfig)
                let kubectl = Kubectl(kubeconfig: kubeconfig, directory: directory)
                let store = server.store
                let configMaps = try #require(store.catalog.type(apiVersion: "v1", kind: "ConfigMap"))
                let namespaces = try #require(store.catalog.type(apiVersion: "v1", kind: "Namespace"))

                let get = try await kubectl.run("get", "ns")
                #expect(get.status == 0, "\(get.output)")
                #expect(get.output.contains("kube-system"))
                #expect(get.output.contains("Active"))
                #expect(server.requestCounts.byProtocol.keys.sorted() == ["HTTP/2"])

                let manifest = directory.appendingPathComponent("tenant.yaml")
                try Self.manifest(value: "one").write(to: manifest, atomically: true, encoding: .utf8)
                let apply = try await kubectl.run("apply", "-f", manifest.path)
                #expect(apply.status == 0, "\(apply.output)")
                #expect(apply.output.contains("namespace/kubectl-ns created"))
                #expect(apply.output.contains("configmap/settings created"))
                let applied = await store.object(configMaps, namespace: "kubectl-ns", name: "settings")
                #expect(applied?[path: "data.key"] == "one")
                #expect(
                    applied?[path: "metadata.annotations"]?["kubectl.kubernetes.io/last-applied-configuration"] != nil)

                server.resetRequestCounts()
                let again = try await kubectl.run("apply", "-f", manifest.path)
                #expect(again.output.contains("configmap/settings unchanged"), "\(again.output)")
                #expect(server.requestCounts.writes == 0)

                try Self.manifest(value: "two").write(to: manifest, atomically: true, encoding: .utf8)
                let diff = try await kubectl.run("diff", "-f", manifest.path)
                #expect(diff.status == 1, "\(diff.output)")
                #expect(diff.output.contains("-  key: one"))
                #expect(diff.output.contains("+  key: two"))
                #expect(
                    await store.object(configMaps, namespace: "kubectl-ns", name: "settings")?[path: "data.key"]
                        == "one")

                let conflicting = try await kubectl.run("apply", "--server-side", "-f", manifest.path)
                #expect(conflicting.status != 0)
                #expect(
                    conflicting.output.contains("conflict with \"kubectl-client-side-apply\""), "\(conflicting.output)")
                let serverSide = try await kubectl.run(
                    "apply", "--server-side", "--force-conflicts", "-f", manifest.path)
                #expect(serverSide.status == 0, "\(serverSide.output)")
                #expect(serverSide.output.contains("configmap/settings serverside-applied"))
                let converged = await store.object(configMaps, namespace: "kubectl-ns", name: "settings")
                #expect(converged?[path: "data.key"] == "two")
                let managers = converged?[path: "metadata.managedFields"]?.arrayValue?.compactMap {
                    $0["operation"] == "Apply" ? $0["manager"]?.stringValue : nil
                }
                #expect(managers?.contains("kubectl") == true)

                let delete = try await kubectl.run("delete", "ns", "kubectl-ns", "--timeout=20s")
                #expect(delete.status == 0, "\(delete.output)")
                #expect(await store.object(namespaces, namespace: nil, name: "kubectl-ns") == nil)
                #expect(await store.list(configMaps, namespace: "kubectl-ns").isEmpty)
            }
        }
    }

    static func manifest(value: String) -> String {
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: kubectl-ns
          labels:
            tenantctl.io/tenant: demo
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: kubectl-ns
        data:
          key: \(value)
        """
    }
}

/// Runs kubectl with a kubeconfig and a private cache and home, collecting its output.
struct Kubectl {
    let kubeconfig: URL
    let directory: URL

    func run(_ arguments: String...) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KubectlTests.kubectl)
        process.arguments =
            ["--kubeconfig", kubeconfig.path, "--cache-dir", directory.appendingPathComponent("cache").path]
            + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory.path
        environment["KUBECONFIG"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Block a thread of its own: the cooperative pool (shared with Dispatch's global queues, as wide as
        // the machine has cores) must stay free to run the in-process sandbox that kubectl is talking to.
        let data = await withCheckedContinuation { continuation in
            Thread {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }.start()
        }
        let status = process.terminationStatus
        return (status, String(decoding: data, as: UTF8.self))
    }
}
