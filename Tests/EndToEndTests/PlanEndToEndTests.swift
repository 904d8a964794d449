import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl plan` against a live cluster (the sandbox, or the one `TENANTCTL_E2E_KUBECONFIG` names): a new
/// tenant is all creates; once its rendered manifests are applied with kubectl the plan is empty; a drifted
/// field shows as exactly that field; an unlabelled object of the same name is a conflict.
@Suite(.serialized) struct PlanEndToEndTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: Self.repository) }

    func plan(_ tenant: E2ETenant, _ cluster: E2ECluster, _ extra: [String] = []) throws -> CommandRunner.Result {
        try tenant.run(cli, cluster, "plan", extra)
    }

    /// `render --kubeconfig` reads the server's facts as `plan` does: the Pod Security version pinned is the
    /// server's, not the inventory's.
    @Test func renderWithAKubeconfigFollowsTheServer() throws {
        try E2ECluster.with(cli: cli) { cluster in
            let workspace = try E2ETenant(cce: false)
            defer { workspace.remove() }
            let served = try cluster.serverVersion()
            let stale = served == "v1.30" ? "v1.29" : "v1.30"
            let text = try String(contentsOfFile: workspace.inventory, encoding: .utf8)
            try text.replacingOccurrences(of: "version: v1.31", with: "version: \(stale)")
                .write(toFile: workspace.inventory, atomically: true, encoding: .utf8)
            let offline = try cli.run(["render", workspace.spec, "--inventory", workspace.inventory])
            let live = try workspace.run(cli, cluster, "render")
            #expect(offline.status == 0 && live.status == 0, "\(offline.stderr)\(live.stderr)")
            #expect(
                offline.stdout.contains("pod-security.kubernetes.io/enforce-version: \(stale)"), "\(offline.stdout)")
            #expect(live.stdout.contains("pod-security.kubernetes.io/enforce-version: \(served)"), "\(live.stdout)")
        }
    }

    @Test func planCreatesThenConvergesThenShowsExactlyTheDriftedField() throws {
        try E2ECluster.with(cli: cli) { cluster in
            let workspace = try E2ETenant(cce: false)
            defer { workspace.remove() }
            try workspace.following(cluster)
            let rendered = try workspace.run(cli, cluster, "render")
            #expect(rendered.status == 0, "\(rendered.stderr)")
            let manifests = cluster.workDirectory.appendingPathComponent("rendered.yaml")
            try rendered.stdout.write(to: manifests, atomically: true, encoding: .utf8)
            let documents = rendered.stdout.components(separatedBy: "\n---").count
            defer { _ = try? cluster.kubectl(["delete", "-f", manifests.path, "--ignore-not-found", "--wait=false"]) }

            let fresh = try plan(workspace, cluster, ["--detailed-exitcode"])
            #expect(fresh.status == 2, "\(fresh.stdout)\(fresh.stderr)")
            #expect(fresh.stdout.contains("Plan: \(documents) to add, 0 to change, 0 to destroy."), "\(fresh.stdout)")

            try cluster.kubectl(["apply", "-f", manifests.path])
            let converged = try plan(workspace, cluster, ["--detailed-exitcode"])
            #expect(converged.status == 0, "\(converged.stdout)\(converged.stderr)")
            #expect(converged.stdout.contains("No changes"), "\(converged.stdout)")
            #expect(converged.stdout.contains("Plan: 0 to add, 0 to change, 0 to destroy. (\(documents) unchanged)"))

            let namespace = workspace.namespaces[0]
            try cluster.kubectl([
                "patch", "resourcequota", "tenant-quota", "-n", namespace, "--type", "merge", "-p",
                #"{"spec":{"hard":{"pods":"7"}}}"#,
            ])
            let drifted = try plan(workspace, cluster, ["--detailed-exitcode"])
            #expect(drifted.status == 2, "\(drifted.stdout)\(drifted.stderr)")
            #expect(drifted.stdout.contains("~ ResourceQuota \(namespace)/tenant-quota"), "\(drifted.stdout)")
            // The spec's 20 pods, divided between the tenant's two namespaces.
            #expect(drifted.stdout.contains(#"~ spec.hard.pods: "7" → "10""#), "\(drifted.stdout)")
            let fieldLines = drifted.stdout.split(separator: "\n").filter { $0.hasPrefix("      ") }
            #expect(fieldLines.count == 1, "only the drifted field is shown: \(fieldLines)")
            #expect(drifted.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."))

            let saved = cluster.workDirectory.appendingPathComponent("plan.json")
            let json = try plan(workspace, cluster, ["-o", "json", "--out", saved.path])
            #expect(json.status == 0, "\(json.stderr)")
            let report = try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))
            let updates =
                report["plans"]?.arrayValue?.first?["changes"]?.arrayValue?.filter { $0["action"] == "update" } ?? []
            #expect(updates.count == 1)
            #expect(updates.first?["fields"] == [["path": "spec.hard.pods", "before": "7", "after": "10"]])
            #expect(updates.first?["resourceVersion"]?.stringValue?.isEmpty == false)
            let file = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: saved))
            let digests = file["digests"]?.arrayValue ?? []
            #expect(
                digests.contains { $0["path"]?.stringValue == workspace.spec && $0["sha256"]?.stringValue?.count == 64 }
            )
            #expect(digests.contains { $0["path"]?.stringValue?.hasSuffix("/Playbooks/onboarding.yaml") == true })
            #expect(file["inputs"]?["specs"] == [.string(workspace.spec)], "\(file["inputs"] ?? nil)")
            let mode = try FileManager.default.attributesOfItem(atPath: saved.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func anUnlabelledNamespaceOfTheSameNameIsAConflict() throws {
        try E2ECluster.with(cli: cli) { cluster in
            let workspace = try E2ETenant(cce: false)
            defer { workspace.remove() }
            let taken = workspace.namespaces[1]
            try cluster.kubectl(["create", "namespace", taken])
            defer { _ = try? cluster.kubectl(["delete", "namespace", taken, "--wait=false"]) }
            let result = try plan(workspace, cluster)
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("! Namespace \(taken)"), "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("was not created by tenantctl"), "\(result.stdout)")
            #expect(result.stdout.contains("1 conflict: apply stops before any write"), "\(result.stdout)")
        }
    }
}
