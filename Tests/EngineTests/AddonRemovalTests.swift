import CCEModel
import CloudAPI
import Engine
import Foundation
import JSON
import KubeAPI
import Sandbox
import TenancyCore
import TestSupport
import Testing

/// Removing an add-on without the CLI, against a sandbox whose CCE API stands in for one cluster: Web Terminal is
/// uninstalled and its labelled leftovers deleted, an unlabelled object of the same name is kept, a dry run and a
/// second removal change nothing, and a cluster without `cce:` is not read.
@Suite struct AddonRemovalTests {
    static let project = "addon-project"
    static let clusterID = "addon-cluster"
    static let (accessKey, secretKey) = ("SANDBOXADDONTESTS", "addon-removal-secret-key")

    static let cluster = ClusterProfile(
        name: "shared", cce: .init(region: "ap-southeast-1", projectID: project, clusterID: clusterID),
        version: KubernetesVersion(major: 1, minor: 31))

    /// A connector to a sandbox with Web Terminal installed, and that sandbox's Kubernetes client.
    func withWebTerminal(_ body: (ClusterConnector, KubeClient) async throws -> Void) async throws {
        let cce = CCEConfiguration(
            projectID: Self.project, transitionDelay: 0, accessKeys: [Self.accessKey: Self.secretKey],
            seedClusters: [.init(id: Self.clusterID, name: "shared", version: "v1.31", projectID: Self.project)])
        try await withSandbox(configure: { $0.cce = cce }) { sandbox in
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let kubeconfig = folder.url.appendingPathComponent("kubeconfig")
            try SandboxKubeconfig.write(
                url: sandbox.url, token: sandbox.token, certificateAuthority: sandbox.certificateAuthorityPEM,
                to: kubeconfig)
            let authority = try folder.write("ca.crt", sandbox.certificateAuthorityPEM)
            let environment = [
                "TENANTCTL_CCE_AK": Self.accessKey, "TENANTCTL_CCE_SK": Self.secretKey,
                "TENANTCTL_CCE_ENDPOINT": sandbox.url.absoluteString, "TENANTCTL_CCE_CA_FILE": authority,
                "TENANTCTL_CCE_POLL_INTERVAL": "0.05",
            ]
            let connector = ClusterConnector(
                kubeconfigOverride: kubeconfig.path, inventoryDirectory: folder.path, environment: environment)
            let client = try #require(try connector.cceClient(for: Self.cluster))
            let installed = try await client.installAddon(
                CCEAddon(templateName: "web-terminal", clusterID: Self.clusterID))
            _ = try await client.waitForAddon(id: try #require(installed.id), cluster: Self.clusterID)
            try await body(connector, try connector.kubeClient(for: Self.cluster))
        }
    }

    @Test func removesTheAddonAndOnlyItsLabelledLeftovers() async throws {
        try await withWebTerminal { connector, kube in
            let service = ObjectReference(
                apiVersion: "v1", kind: "Service", name: "web-terminal", namespace: "kube-system")
            try await kube.delete(service)
            _ = try await kube.create([
                "apiVersion": "v1", "kind": "Service",
                "metadata": ["name": "web-terminal", "namespace": "kube-system", "labels": ["app": "someone-else"]],
                "spec": ["ports": [["port": 80]]],
            ])

            let dryRun = try await AddonRemoval(template: "web-terminal", dryRun: true, connector: connector)
                .remove(from: Self.cluster)
            if case .removed = dryRun.outcome {} else { Issue.record("a dry run reports \(dryRun.outcome)") }
            #expect(
                dryRun.leftovers.map(\.displayName) == [
                    "ClusterRoleBinding web-terminal", "Service kube-system/web-terminal",
                ])
            #expect(dryRun.leftovers.map(\.isLabelled) == [true, false])
            #expect(dryRun.labels(of: dryRun.leftovers[0]) == ["app": "web-terminal", "release": "web-terminal"])

            let removal = AddonRemoval(template: "web-terminal", dryRun: false, connector: connector)
            let removed = try await removal.remove(from: Self.cluster)
            #expect(removed.leftovers == dryRun.leftovers)
            let binding = ObjectReference(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", name: "web-terminal")
            #expect(try await kube.getIfPresent(binding) == nil)
            #expect(try await kube.getIfPresent(service) != nil, "not the add-on's: kept")

            let again = try await removal.remove(from: Self.cluster)
            #expect(again.outcome == .notInstalled)
            #expect(again.leftovers.map(\.isLabelled) == [false])
        }
    }

    @Test func aClusterWithoutCCEIsNotRead() async throws {
        var plain = Self.cluster
        plain.cce = nil
        let report = try await AddonRemoval(template: "web-terminal", dryRun: false, connector: ClusterConnector())
            .remove(from: plain)
        #expect(report.outcome == .notCCE)
        #expect(report.leftovers.isEmpty)
    }
}
