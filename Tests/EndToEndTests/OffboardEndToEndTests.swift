import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl offboard` through the real binary, against the sandbox (or, for the Kubernetes side, the cluster
/// `TENANTCTL_E2E_KUBECONFIG` names; request counts and node pods need the sandbox and are skipped there).
@Suite(.serialized) struct OffboardEndToEndTests {
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: E2ETenant.repository) }

    /// Runs `body` with a fresh tenant, onboarded, and a sandbox standing in for its CCE cluster.
    func withOnboardedTenant(
        realisticControllers: Bool = false, _ body: (E2ETenant, E2ECluster, _ before: [String]) async throws -> Void
    ) async throws {
        try await E2ETenant.with(cli, realisticControllers: realisticControllers) { tenant, cluster in
            let before = try await tenant.dump(cluster)
            let applied = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
            try #require(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            try await body(tenant, cluster, before)
        }
    }

    /// What onboarding leaves for every tenant: the shared `tenantctl-system` pool the cluster's add-ons run on.
    static let sharedPool = "NodePool tenantctl-system "

    /// The dump after offboarding equals the one before onboarding, but for the shared system pool, which stays.
    func expectOnlySharedPoolLeft(_ after: [String], _ before: [String]) {
        #expect(
            after.filter { !$0.hasPrefix(Self.sharedPool) } == before,
            "onboard then offboard changed: \(Set(after).symmetricDifference(before).sorted())")
        #expect(after.contains { $0.hasPrefix(Self.sharedPool) }, "the shared system pool is kept")
    }

    /// The id of the run that ended with `outcome` (`stopped`, `succeeded`), from `TENANT: run RUN OUTCOME`:
    /// run ids made within one second do not sort by time.
    static func runID(_ output: String, _ outcome: String = "stopped") -> String? {
        output.split(separator: "\n").lazy.compactMap { line -> String? in
            guard let range = line.range(of: ": run "), line.contains(" \(outcome)") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        }.first
    }

    func offboard(_ tenant: E2ETenant, _ cluster: E2ECluster, _ extra: [String] = []) async throws
        -> CommandRunner.Result
    {
        try await onOwnThread {
            try cli.run(
                [
                    "offboard", tenant.name, "--specs", tenant.spec, "--inventory", tenant.inventory, "--kubeconfig",
                    cluster.kubeconfig,
                    "--state-dir", tenant.stateDirectory, "--no-color",
                ] + extra,
                environment: try cluster.cceEnvironment())
        }
    }

    /// `tenantctl resume RUN` with the tenant's state directory.
    func resume(_ run: String, _ tenant: E2ETenant, _ cluster: E2ECluster) async throws -> CommandRunner.Result {
        try await onOwnThread {
            try cli.run(
                ["resume", run, "--state-dir", tenant.stateDirectory, "--no-color"],
                environment: try cluster.cceEnvironment())
        }
    }

    /// The sandbox's count of writes since the last reset (nil on a real cluster).
    func writes(_ cluster: E2ECluster) throws -> Int64? {
        guard cluster.isSandbox else { return nil }
        let counts = try JSONDecoder().decode(
            JSONValue.self, from: Data(try cluster.sandboxAdmin("GET", "/_sandbox/requests").utf8))
        return ["POST", "PUT", "PATCH", "DELETE"].compactMap { counts["byMethod"]?[$0]?.intValue }.reduce(0, +)
    }

    func resetCounts(_ cluster: E2ECluster) throws {
        if cluster.isSandbox { try cluster.sandboxAdmin("DELETE", "/_sandbox/requests") }
    }

    /// The tenant's labelled objects left on the cluster.
    func labelled(_ tenant: E2ETenant, _ cluster: E2ECluster) async throws -> String {
        try await onOwnThread {
            try cluster.kubectl([
                "get", "namespaces,rolebindings,validatingadmissionpolicies,validatingadmissionpolicybindings", "-A",
                "-l", "tenantctl.io/tenant=\(tenant.name)", "-o", "name",
            ])
        }.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func offboardingWithoutConfirmDeletesNothingThenConfirmedLeavesNoTraceAndASecondIsANoOp() async throws {
        try await withOnboardedTenant { tenant, cluster, before in
            let onboarded = try await tenant.dump(cluster)
            try resetCounts(cluster)
            let review = try await offboard(tenant, cluster)
            #expect(review.status == 0, "\(review.stdout)\(review.stderr)")
            for namespace in tenant.namespaces {
                #expect(
                    review.stdout.contains("- Namespace \(namespace)  (namespace[\(namespace)])  IRREVERSIBLE"),
                    "\(review.stdout)")
            }
            #expect(review.stdout.contains("- RoleBinding \(tenant.namespaces[0])/tenant-admins"), "\(review.stdout)")
            #expect(review.stdout.contains("- node pool \(tenant.name)-pool"), "\(review.stdout)")
            #expect(
                review.stdout.contains("money: node pool \(tenant.name)-pool: 2 nodes of c7.2xlarge.2"),
                "\(review.stdout)")
            #expect(
                review.stdout.contains("Nothing was deleted") && review.stdout.contains("--confirm \(tenant.name)"),
                "\(review.stdout)")
            #expect(review.stdout.contains("node pool tenantctl-system is kept"), "\(review.stdout)")
            #expect(try writes(cluster) ?? 0 == 0, "a review wrote")
            #expect(try await tenant.dump(cluster) == onboarded, "offboard without --confirm deleted something")
            #expect(try tenant.runs().count == 1, "a review journals no run")

            let wrong = try await offboard(tenant, cluster, ["--confirm", "someone-else"])
            #expect(
                wrong.status == 2 && wrong.stderr.contains("--confirm must repeat the tenant's name"), "\(wrong.stderr)"
            )

            let confirmed = try await offboard(tenant, cluster, ["--confirm", tenant.name])
            #expect(confirmed.status == 0, "\(confirmed.stdout)\(confirmed.stderr)")
            #expect(confirmed.stdout.contains("- Namespace \(tenant.namespaces[1]) deleted"), "\(confirmed.stdout)")
            #expect(confirmed.stdout.contains("succeeded"), "\(confirmed.stdout)")
            let listed = try await onOwnThread {
                try cli.run(["runs", "-o", "json", "--state-dir", tenant.stateDirectory])
            }
            let runs =
                try JSONDecoder().decode(JSONValue.self, from: Data(listed.stdout.utf8))["runs"]?.arrayValue ?? []
            #expect(
                runs.last?["run"]?.stringValue == Self.runID(confirmed.stdout, "succeeded"),
                "the offboarding lists after the onboarding, even within one second: \(listed.stdout)")
            #expect(try await labelled(tenant, cluster).isEmpty, "tenant objects left behind")
            expectOnlySharedPoolLeft(try await tenant.dump(cluster), before)

            try resetCounts(cluster)
            let again = try await offboard(tenant, cluster, ["--confirm", tenant.name])
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
            #expect(again.stdout.contains("Nothing to offboard"), "\(again.stdout)")
            #expect(try writes(cluster) ?? 0 == 0, "a second offboard wrote")
            #expect(try tenant.runs().count == 2, "a second offboard journals no run")
            expectOnlySharedPoolLeft(try await tenant.dump(cluster), before)
        }
    }

    /// With a control plane as slow as a real one: the namespace controller has not yet written its conditions when
    /// the deletion timeout runs out, and the message still names what holds the namespace.
    @Test func aNamespaceHeldByAFinalizerIsReportedAndTheOffboardResumesOnceItIsReleased() async throws {
        try await withOnboardedTenant(realisticControllers: true) { tenant, cluster, before in
            let held = tenant.namespaces[0]
            try await onOwnThread {
                try cluster.kubectl(["create", "configmap", "held", "-n", held, "--from-literal=k=v"])
                try cluster.kubectl([
                    "patch", "configmap", "held", "-n", held, "--type=merge", "-p",
                    #"{"metadata":{"finalizers":["example.com/hold"]}}"#,
                ])
            }
            let stopped = try await offboard(tenant, cluster, ["--confirm", tenant.name, "--deletion-timeout", "3"])
            #expect(stopped.status == 1, "\(stopped.stdout)\(stopped.stderr)")
            #expect(stopped.stdout.contains("Namespace \(held)"), "\(stopped.stdout)")
            #expect(
                stopped.stdout.contains("it still holds ConfigMap held (finalizer example.com/hold)"),
                "what holds the namespace is named, object and finalizer, without waiting for the controller: \(stopped.stdout)"
            )
            #expect(stopped.stdout.contains("tenantctl resume"), "\(stopped.stdout)")
            #expect(
                !stopped.stdout.contains("tenantctl rollback"),
                "an offboarding is not offered a rollback: \(stopped.stdout)")

            let replan = try await offboard(tenant, cluster)
            #expect(replan.stdout.contains("already terminating"), "\(replan.stdout)")

            try await onOwnThread {
                try cluster.kubectl([
                    "patch", "configmap", "held", "-n", held, "--type=merge", "-p",
                    #"{"metadata":{"finalizers":null}}"#,
                ])
            }
            let run = try #require(Self.runID(stopped.stdout), "\(stopped.stdout)")
            let resumed = try await resume(run, tenant, cluster)
            #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
            #expect(try await labelled(tenant, cluster).isEmpty)
            expectOnlySharedPoolLeft(try await tenant.dump(cluster), before)
        }
    }

    @Test(.sandboxOnly("the pool's nodes exist only on the sandbox's API"))
    func aNodePoolStillRunningAPodIsNotDeletedUntilThePodIsGone() async throws {
        try await withOnboardedTenant { tenant, cluster, before in
            let pod = E2ECluster.uniqueName("left")
            let manifest = """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "\(pod)", "namespace": "default"},
                 "spec": {"nodeName": "\(tenant.name)-pool-1", "containers": [{"name": "c", "image": "busybox"}]}}
                """
            let file = cluster.workDirectory.appendingPathComponent("pod.json")
            try manifest.write(to: file, atomically: true, encoding: .utf8)
            try await onOwnThread { try cluster.kubectl(["create", "-f", file.path]) }
            let stopped = try await offboard(tenant, cluster, ["--confirm", tenant.name])
            #expect(stopped.status == 1, "\(stopped.stdout)\(stopped.stderr)")
            #expect(
                stopped.stdout.contains(
                    "node pool \(tenant.name)-pool still runs 1 pod (default/\(pod) on \(tenant.name)-pool-1)"),
                "\(stopped.stdout)")
            #expect(
                try await tenant.dump(cluster).contains { $0.hasPrefix("NodePool \(tenant.name)-pool ") },
                "the pool is kept")

            try await onOwnThread { try cluster.kubectl(["delete", "pod", pod, "-n", "default", "--wait=false"]) }
            let run = try #require(Self.runID(stopped.stdout), "\(stopped.stdout)")
            let resumed = try await resume(run, tenant, cluster)
            #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
            #expect(resumed.stdout.contains("- node pool \(tenant.name)-pool deleted"), "\(resumed.stdout)")
            expectOnlySharedPoolLeft(try await tenant.dump(cluster), before)
        }
    }

    /// A rollback of an older run acts only on what that run made: after an offboarding and a new onboarding, the
    /// pool the new run made, the shared system pool it relies on and the new namespaces stay, and the rollback says
    /// why it left each alone.
    @Test func rollingBackAnOlderRunLeavesWhatALaterRunMade() async throws {
        try await E2ETenant.with(cli) { tenant, cluster in
            let first = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
            let older = try #require(Self.runID(first.stdout, "succeeded"), "\(first.stdout)\(first.stderr)")
            #expect(try await offboard(tenant, cluster, ["--confirm", tenant.name]).status == 0)
            let second = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
            #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
            let before = try await tenant.dump(cluster)

            let rolledBack = try await onOwnThread {
                try cli.run(
                    ["rollback", older, "--state-dir", tenant.stateDirectory, "--no-color"],
                    environment: try cluster.cceEnvironment())
            }
            #expect(rolledBack.status == 0, "\(rolledBack.stdout)\(rolledBack.stderr)")
            #expect(
                rolledBack.stdout.contains("node pool \(tenant.name)-pool left alone: this run did not make"),
                "\(rolledBack.stdout)")
            #expect(rolledBack.stdout.contains("Namespace \(tenant.namespaces[0]) left alone"), "\(rolledBack.stdout)")
            #expect(!rolledBack.stdout.contains("↺"), "nothing is undone: \(rolledBack.stdout)")
            #expect(try await tenant.dump(cluster) == before, "the later run's objects and pools are all there")
        }
    }

    @Test func aTenantOnAPlainClusterOffboardsWithoutCCEAndWithoutItsSpec() async throws {
        let tenant = try E2ETenant(cce: false)
        defer { tenant.remove() }
        let cluster = try await onOwnThread { try E2ECluster.start(cli: cli) }
        defer { cluster.stop(cli: cli) }
        defer { if !cluster.isSandbox { tenant.cleanUp(cluster) } }
        let applied = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
        try #require(applied.status == 0, "\(applied.stdout)\(applied.stderr)")

        let json = try await offboard(tenant, cluster, ["-o", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))
        let plan = try #require(report["plans"]?.arrayValue?.first)
        #expect(plan["offboarding"] == true && plan["cluster"] == "e2e-cce")
        let irreversible = (plan["changes"]?.arrayValue ?? []).filter { $0["irreversible"] == true }.compactMap {
            $0["id"]?.stringValue
        }
        #expect(irreversible.sorted() == tenant.namespaces.map { "namespace[\($0)]" }.sorted(), "\(json.stdout)")

        let markdown = try await offboard(tenant, cluster, ["-o", "markdown"])
        #expect(markdown.stdout.hasPrefix("## Offboard tenant `\(tenant.name)` from `e2e-cce`"), "\(markdown.stdout)")
        #expect(
            markdown.stdout.contains(
                "| delete | `Namespace \(tenant.namespaces[0])` | `namespace[\(tenant.namespaces[0])]` | **irreversible** |"
            ), "\(markdown.stdout)")

        // The spec is gone: the cluster is named instead.
        let noSpec = cluster.workDirectory.appendingPathComponent("no-specs").path
        try FileManager.default.createDirectory(atPath: noSpec, withIntermediateDirectories: true)
        let common = [
            "offboard", tenant.name, "--specs", noSpec, "--inventory", tenant.inventory, "--kubeconfig",
            cluster.kubeconfig,
            "--state-dir", tenant.stateDirectory, "--no-color",
        ]
        let unnamed = try await onOwnThread { try cli.run(common) }
        #expect(unnamed.status == 2 && unnamed.stderr.contains("name its cluster with --cluster"), "\(unnamed.stderr)")
        let confirmed = try await onOwnThread {
            try cli.run(common + ["--cluster", "e2e-cce", "--confirm", tenant.name])
        }
        #expect(confirmed.status == 0, "\(confirmed.stdout)\(confirmed.stderr)")
        #expect(try await labelled(tenant, cluster).isEmpty)
        let again = try await onOwnThread { try cli.run(common + ["--cluster", "e2e-cce"]) }
        #expect(again.status == 0 && again.stdout.contains("Nothing to offboard"), "\(again.stdout)\(again.stderr)")
    }

    @Test(arguments: [300, 900])
    func aKilledOffboardResumesToTheEnd(milliseconds: Int) async throws {
        try await withOnboardedTenant { tenant, cluster, before in
            if cluster.isSandbox {
                try cluster.sandboxAdmin(
                    "POST", "/_sandbox/faults",
                    body: #"{"path": "/**", "method": "DELETE", "latencyMilliseconds": 150}"#)
            }
            let arguments = [
                "offboard", tenant.name, "--specs", tenant.spec, "--inventory", tenant.inventory, "--confirm",
                tenant.name,
            ]
            let run = try await tenant.runKilled(cli, cluster, arguments, after: .milliseconds(milliseconds))
            if cluster.isSandbox { try cluster.sandboxAdmin("DELETE", "/_sandbox/faults") }
            for attempt in 1...2 {
                let resumed = try await resume(run, tenant, cluster)
                #expect(
                    resumed.status == 0,
                    "resume \(attempt) after \(milliseconds) ms: \(resumed.stdout)\(resumed.stderr)")
            }
            #expect(try await labelled(tenant, cluster).isEmpty)
            expectOnlySharedPoolLeft(try await tenant.dump(cluster), before)
        }
    }

    @Test(.sandboxOnly("the example tenants' names are fixed, so only a cluster of the test's own may hold them"))
    func everyExampleTenantOffboardsAndNothingOfTenantctlIsLeftButTheSharedPools() async throws {
        try await E2ETenant.with(cli, inventory: E2ETenant.exampleInventory) { tenant, cluster in
            let common = ["--kubeconfig", cluster.kubeconfig, "--state-dir", tenant.stateDirectory, "--no-color"]
            let kinds =
                "namespaces,rolebindings,validatingadmissionpolicies,validatingadmissionpolicybindings,runtimeclasses"
            let before = try await onOwnThread { try cluster.kubectl(["get", kinds, "-A", "-o", "name"]) }
            let applied = try await onOwnThread {
                try cli.run(["apply", "Tenants/"] + common, environment: try cluster.cceEnvironment())
            }
            try #require(applied.status == 0, "\(applied.stdout)\(applied.stderr)")

            for name in ["crowdlabs", "acme", "finbank", "batchco", "platform-tools"] {
                let offboarded = try await onOwnThread {
                    try cli.run(
                        ["offboard", name, "--confirm", name] + common, environment: try cluster.cceEnvironment())
                }
                #expect(offboarded.status == 0, "\(name): \(offboarded.stdout)\(offboarded.stderr)")
                #expect(
                    offboarded.stdout.contains("\(name): run ") && offboarded.stdout.contains("succeeded"),
                    "\(offboarded.stdout)")
                if name == "crowdlabs" {
                    #expect(
                        offboarded.stdout.contains("- RuntimeClass kata deleted"),
                        "the last secure tenant takes the RuntimeClass: \(offboarded.stdout)")
                }
                if name == "finbank" {
                    #expect(
                        offboarded.stdout.contains("- cluster finbank deleted"),
                        "the physical tenant's cluster goes last: \(offboarded.stdout)")
                }
            }
            let after = try await onOwnThread { try cluster.kubectl(["get", kinds, "-A", "-o", "name"]) }
            #expect(after == before, "tenantctl objects left: \(after)")
            #expect(try await tenant.cce(cluster).findCluster(named: "finbank") == nil)
            for name in ["finbank", "batchco"] {
                let again = try await onOwnThread {
                    try cli.run(["offboard", name] + common, environment: try cluster.cceEnvironment())
                }
                #expect(
                    again.status == 0 && again.stdout.contains("Nothing to offboard"), "\(again.stdout)\(again.stderr)")
            }
        }
    }
}
