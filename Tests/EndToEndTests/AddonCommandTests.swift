import CCEModel
import CloudAPI
import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl addon list` and `addon remove` through the real binary, against the sandbox standing in for an
/// inventory of two CCE clusters and a plain one (all on the sandbox's one Kubernetes API): Web Terminal is
/// listed, a dry run changes nothing, a remove uninstalls it and deletes its labelled ClusterRoleBinding and
/// Service, a second remove is a no-op, and an unlabelled object of the same name is reported, never deleted.
@Suite struct AddonCommandTests {
    static let project = E2ETenant.project

    /// An inventory with CCE clusters `e2e-a` and `e2e-b` and the plain cluster `e2e-plain`.
    struct Inventory {
        let folder: URL
        let path: String
        let clusterA = UUID().uuidString.lowercased()
        let clusterB = UUID().uuidString.lowercased()

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent(E2ECluster.uniqueName("addon"))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("clusters.yaml").path
            func cluster(_ name: String, _ id: String?) -> String {
                """
                  - name: \(name)
                \(id.map { "    cce: {region: ap-southeast-1, projectID: \(AddonCommandTests.project), clusterID: \($0)}" } ?? "")
                    version: v1.31
                    networkMode: tunnel
                    containerCIDR: 10.0.0.0/16
                    apiServerAddress: 192.168.0.10
                    flavor: cce.s2.medium
                    sharedNodes: {flavor: c7.2xlarge.2, count: 4}

                """
            }
            try
                ("apiVersion: tenantctl.io/v1\nkind: ClusterInventory\nclusters:\n"
                + cluster("e2e-a", clusterA) + cluster("e2e-b", clusterB) + cluster("e2e-plain", nil))
                .write(toFile: path, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    func cce(_ cluster: E2ECluster) throws -> CCEClient {
        let environment = try cluster.cceEnvironment()
        return CCEClient(
            endpoints: try CCEClient.Endpoints.resolve(region: "ap-southeast-1", environment: environment),
            credentials: try CCECredentialsLoader(environment: environment).load(projectID: Self.project))
    }

    /// `tenantctl addon ARGS --inventory … --kubeconfig …` with the sandbox's CCE environment.
    func addon(_ cli: CommandRunner, _ cluster: E2ECluster, _ inventory: Inventory, _ arguments: [String]) async throws
        -> CommandRunner.Result
    {
        let environment = try cluster.cceEnvironment()
        return try await onOwnThread {
            try cli.run(
                ["addon"] + arguments + ["--inventory", inventory.path, "--kubeconfig", cluster.kubeconfig],
                environment: environment)
        }
    }

    /// The add-on names `addon list --cluster NAME -o json` reports.
    func listed(_ cli: CommandRunner, _ cluster: E2ECluster, _ inventory: Inventory, _ name: String) async throws
        -> [String]
    {
        let result = try await addon(cli, cluster, inventory, ["list", "--cluster", name, "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        let entry = try #require(report["clusters"]?.arrayValue?.first)
        #expect(entry["cluster"]?.stringValue == name)
        return (entry["addons"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    /// The object as JSON, or nil when it does not exist.
    func object(_ cluster: E2ECluster, _ arguments: [String]) async throws -> JSONValue? {
        let output = try await onOwnThread {
            try cluster.kubectl(["get"] + arguments + ["-o", "json", "--ignore-not-found"])
        }
        let trimmed = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        // kubectl prints nothing or `null` for a missing object with --ignore-not-found.
        let object = try JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8))
        return object.value(at: ["metadata", "name"]) == nil ? nil : object
    }

    static let binding = ["clusterrolebinding", "web-terminal"]
    static let service = ["service", "web-terminal", "-n", "kube-system"]

    func install(_ cluster: E2ECluster, _ id: String) async throws {
        let client = try cce(cluster)
        let installed = try await client.installAddon(CCEAddon(templateName: "web-terminal", clusterID: id))
        _ = try await client.waitForAddon(id: try #require(installed.id), cluster: id)
    }

    @Test(.sandboxOnly("the add-on's objects appear only in the sandbox's Kubernetes API"))
    func webTerminalIsListedRemovedWithItsLeftoversAndRemovingAgainIsANoOp() async throws {
        let cli = try CommandRunner(workingDirectory: E2ETenant.repository)
        let inventory = try Inventory()
        defer { inventory.remove() }
        let cluster = try await onOwnThread { try E2ECluster.start(cli: cli, inventory: inventory.path) }
        defer { cluster.stop(cli: cli) }

        try await install(cluster, inventory.clusterA)
        #expect(try await listed(cli, cluster, inventory, "e2e-a").contains("web-terminal"))
        #expect(try await !listed(cli, cluster, inventory, "e2e-b").contains("web-terminal"))
        let text = try await addon(cli, cluster, inventory, ["list"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("e2e-plain: not a CCE cluster"), "\(text.stdout)")
        #expect(text.stdout.contains("web-terminal"), "\(text.stdout)")
        let bindingBefore = try #require(try await object(cluster, Self.binding))
        let serviceBefore = try #require(try await object(cluster, Self.service))
        #expect(bindingBefore.value(at: ["metadata", "labels", "app"]) == "web-terminal")
        #expect(bindingBefore.value(at: ["roleRef", "name"]) == "cluster-admin")
        #expect(serviceBefore.value(at: ["spec", "type"]) == "NodePort")

        // --dry-run: says what would go, changes nothing.
        let dry = try await addon(
            cli, cluster, inventory, ["remove", "web-terminal", "--cluster", "e2e-a", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("e2e-a: would remove web-terminal"), "\(dry.stdout)")
        #expect(dry.stdout.contains("would delete ClusterRoleBinding web-terminal"), "\(dry.stdout)")
        #expect(dry.stdout.contains("would delete Service kube-system/web-terminal"), "\(dry.stdout)")
        #expect(try await listed(cli, cluster, inventory, "e2e-a").contains("web-terminal"))
        let bindingAfterDry = try await object(cluster, Self.binding)
        let serviceAfterDry = try await object(cluster, Self.service)
        #expect(
            bindingAfterDry?.value(at: ["metadata", "resourceVersion"])
                == bindingBefore.value(at: ["metadata", "resourceVersion"]))
        #expect(
            serviceAfterDry?.value(at: ["metadata", "resourceVersion"])
                == serviceBefore.value(at: ["metadata", "resourceVersion"]))

        // remove: the add-on and both labelled leftovers are gone.
        let removed = try await addon(cli, cluster, inventory, ["remove", "web-terminal", "--cluster", "e2e-a"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("e2e-a: removed web-terminal"), "\(removed.stdout)")
        #expect(removed.stdout.contains("deleted ClusterRoleBinding web-terminal"), "\(removed.stdout)")
        #expect(removed.stdout.contains("deleted Service kube-system/web-terminal"), "\(removed.stdout)")
        #expect(try await !listed(cli, cluster, inventory, "e2e-a").contains("web-terminal"))
        #expect(try await cce(cluster).findAddon(templateName: "web-terminal", cluster: inventory.clusterA) == nil)
        let bindingAfter = try await object(cluster, Self.binding)
        let serviceAfter = try await object(cluster, Self.service)
        #expect(bindingAfter == nil, "\(String(describing: bindingAfter))")
        #expect(serviceAfter == nil, "\(String(describing: serviceAfter))")
        let labelled = try await onOwnThread {
            try cluster.kubectl(["get", "clusterrolebindings,services", "-A", "-l", "app=web-terminal", "-o", "name"])
        }
        #expect(labelled.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(labelled)")

        // Again: not installed, exit 0, nothing deleted.
        let again = try await addon(cli, cluster, inventory, ["remove", "web-terminal", "--cluster", "e2e-a"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("web-terminal not installed on e2e-a"), "\(again.stdout)")
        #expect(!again.stdout.contains("deleted"), "\(again.stdout)")

        // --all-clusters: every cluster reported, the ones without it as not installed, the plain one as not CCE.
        let all = try await addon(cli, cluster, inventory, ["remove", "web-terminal", "--all-clusters"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("web-terminal not installed on e2e-a"), "\(all.stdout)")
        #expect(all.stdout.contains("web-terminal not installed on e2e-b"), "\(all.stdout)")
        #expect(all.stdout.contains("e2e-plain: not a CCE cluster"), "\(all.stdout)")
    }

    @Test(.sandboxOnly("the add-on's objects appear only in the sandbox's Kubernetes API"))
    func anUnlabelledBindingOfTheSameNameIsReportedNotDeleted() async throws {
        let cli = try CommandRunner(workingDirectory: E2ETenant.repository)
        let inventory = try Inventory()
        defer { inventory.remove() }
        let cluster = try await onOwnThread { try E2ECluster.start(cli: cli, inventory: inventory.path) }
        defer { cluster.stop(cli: cli) }

        // Someone's own binding named like the add-on's, made before the add-on is installed.
        let manifest = cluster.workDirectory.appendingPathComponent("binding.json")
        try
            #"{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "web-terminal"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"}, "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "alice"}]}"#
            .write(to: manifest, atomically: true, encoding: .utf8)
        _ = try await onOwnThread { try cluster.kubectl(["apply", "-f", manifest.path]) }
        try await install(cluster, inventory.clusterB)
        #expect(try await listed(cli, cluster, inventory, "e2e-b").contains("web-terminal"))
        #expect(try await object(cluster, Self.service) != nil)

        let dry = try await addon(cli, cluster, inventory, ["remove", "web-terminal", "--all-clusters", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("e2e-b: would remove web-terminal"), "\(dry.stdout)")
        #expect(dry.stdout.contains("kept ClusterRoleBinding web-terminal: not labelled"), "\(dry.stdout)")
        #expect(!dry.stdout.contains("would delete ClusterRoleBinding"), "\(dry.stdout)")

        let removed = try await addon(cli, cluster, inventory, ["remove", "web-terminal", "--cluster", "e2e-b"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("e2e-b: removed web-terminal"), "\(removed.stdout)")
        #expect(
            removed.stdout.contains(
                "kept ClusterRoleBinding web-terminal: not labelled app=web-terminal,release=web-terminal"),
            "\(removed.stdout)")
        #expect(!removed.stdout.contains("deleted ClusterRoleBinding"), "\(removed.stdout)")
        #expect(removed.stdout.contains("deleted Service kube-system/web-terminal"), "\(removed.stdout)")

        let kept = try #require(try await object(cluster, Self.binding))
        #expect(kept.value(at: ["roleRef", "name"]) == "view")
        #expect(kept["subjects"]?.arrayValue?.first?["name"] == "alice")
        #expect(try await object(cluster, Self.service) == nil)
        #expect(try await !listed(cli, cluster, inventory, "e2e-b").contains("web-terminal"))
    }

    @Test func usageErrorsExitTwo() async throws {
        let cli = try CommandRunner(workingDirectory: E2ETenant.repository)
        let inventory = try Inventory()
        defer { inventory.remove() }
        for arguments in [
            ["addon", "remove", "web-terminal", "--inventory", inventory.path],
            ["addon", "remove", "web-terminal", "--cluster", "nope", "--inventory", inventory.path],
            ["addon", "remove", "web-terminal", "--cluster", "e2e-a", "--all-clusters", "--inventory", inventory.path],
            ["addon", "list", "-o", "markdown", "--inventory", inventory.path],
        ] {
            let result = try await onOwnThread { try cli.run(arguments) }
            #expect(result.status == 2, "\(arguments): \(result.stdout) \(result.stderr)")
        }
        let help = try await onOwnThread { try cli.run(["addon", "remove", "--help"]) }
        #expect(help.stdout.contains("Examples:"), "\(help.stdout)")
    }
}
