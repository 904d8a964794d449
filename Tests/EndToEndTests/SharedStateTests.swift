import Foundation
import JSON
import TestSupport
import Testing

/// Runs and locks kept in a cluster (`--state kube://CONTEXT/NAMESPACE`), driven from two "machines" (two
/// `TENANTCTL_HOST` identities, no state directory): the second waits for the first's Lease, and once the first is
/// killed and its Lease has lapsed, resumes its run to the end.
@Suite struct SharedStateTests {
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: E2ETenant.repository) }

    /// Runs `body` with a fresh tenant, a namespace of its own for the cluster store (removed afterwards), and
    /// the store's address `kube://CONTEXT/NAMESPACE` in the kubeconfig's current context.
    func withStore(_ body: (E2ETenant, E2ECluster, _ namespace: String, _ store: String) async throws -> Void)
        async throws
    {
        try await E2ETenant.with(cli) { tenant, cluster in
            let namespace = "\(tenant.name)-state"
            try cluster.kubectl(["create", "namespace", namespace])
            defer { _ = try? cluster.kubectl(["delete", "namespace", namespace, "--wait=false"]) }
            let context = try cluster.kubectl(["config", "current-context"]).trimmingCharacters(
                in: .whitespacesAndNewlines)
            try await body(tenant, cluster, namespace, "kube://\(context)/\(namespace)")
        }
    }

    @Test func theInventorysStateKeepsRunsInTheClusterUnlessAStateDirectoryIsNamed() async throws {
        try await withStore { tenant, cluster, _, store in
            let inventory = try String(contentsOfFile: tenant.inventory, encoding: .utf8)
            try ("state: \(store)\n" + inventory).write(toFile: tenant.inventory, atomically: true, encoding: .utf8)
            let environment = try cluster.cceEnvironment().merging(["KUBECONFIG": cluster.kubeconfig]) { $1 }
            func tenantctl(_ arguments: [String]) async throws -> CommandRunner.Result {
                try await onOwnThread { try cli.run(arguments, environment: environment) }
            }
            func runs(_ place: [String]) async throws -> [JSONValue] {
                let listed = try await tenantctl(["runs", "-o", "json"] + place)
                return (try JSONValue.parse(Data(listed.stdout.utf8))["runs"]?.arrayValue ?? [])
                    .filter { $0["tenant"]?.stringValue == tenant.name }
            }
            let reach = ["--inventory", tenant.inventory, "--kubeconfig", cluster.kubeconfig, "--no-color"]

            // A state directory on the command line wins over the inventory.
            let local = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(tenant.name)").path
            defer { try? FileManager.default.removeItem(atPath: local) }
            let apply = try await tenantctl(["apply", tenant.spec, "--state-dir", local] + reach)
            #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
            #expect(try await runs(["--state-dir", local]).count == 1)
            #expect(try await runs(["--state", store]).isEmpty)

            // Without one, the run goes where the inventory says.
            let offboard = try await tenantctl(
                ["offboard", tenant.name, "--confirm", tenant.name, "--specs", tenant.spec] + reach)
            #expect(offboard.status == 0, "\(offboard.stdout)\(offboard.stderr)")
            let kept = try await runs(["--state", store])
            #expect(kept.count == 1 && kept.first?["phase"] == "succeeded", "\(kept)")
        }
    }

    @Test func twoMachinesSerialiseOnTheLeaseAndTheSecondFinishesTheFirstsKilledRun() async throws {
        try await withStore { tenant, cluster, namespace, store in
            let state = ["--state", store, "--lease-duration", "3"]
            // A holds its Lease 25 s without renewal: long enough for B to be refused on a machine busy with builds.
            let holding = ["--state", store, "--lease-duration", "25"]
            @Sendable func machine(_ name: String) throws -> [String: String] {
                try cluster.cceEnvironment().merging(["KUBECONFIG": cluster.kubeconfig, "TENANTCTL_HOST": name]) { $1 }
            }
            func tenantctl(_ name: String, _ arguments: [String]) async throws -> CommandRunner.Result {
                try await onOwnThread { try cli.run(arguments + state, environment: try machine(name)) }
            }
            let apply = [
                "apply", tenant.spec, "--inventory", tenant.inventory, "--kubeconfig", cluster.kubeconfig, "--no-color",
            ]

            // Machine A starts onboarding; its first write (a node pool, through CCE) is slowed down — 10 s, so that
            // a machine busy with builds sees the intent before A could finish — and A is killed once the write's
            // intent is in the cluster (the write lands long before A's Lease lapses).
            try cluster.sandboxAdmin(
                "POST", "/_sandbox/faults",
                body: #"{"path": "/api/v3/**", "method": "POST", "latencyMilliseconds": 10000}"#)
            let killed = Process()
            killed.executableURL = cli.executable
            killed.currentDirectoryURL = cli.workingDirectory
            killed.arguments = apply + holding
            killed.environment = ProcessInfo.processInfo.environment.merging(try machine("machine-a")) { $1 }
            killed.standardOutput = FileHandle.nullDevice
            killed.standardError = FileHandle.nullDevice
            try killed.run()
            let run = try await Self.firstIntent(cluster, namespace: namespace, while: killed)
            kill(killed.processIdentifier, SIGKILL)
            try await onOwnThread { killed.waitUntilExit() }
            try cluster.sandboxAdmin("DELETE", "/_sandbox/faults")

            // Machine B may not apply while A's Lease holds the tenant, and says who holds it.
            let refused = try await tenantctl("machine-b", apply)
            #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
            #expect(
                refused.stderr.contains("is locked by run \(run) (pid \(killed.processIdentifier) on host machine-a"),
                "\(refused.stderr)")
            #expect(!refused.stdout.contains(" created"), "\(refused.stdout)")

            // Once A's Lease lapses (25 s after its last renewal), B takes it over and finishes A's run.
            let resumed = try await tenantctl("machine-b", ["resume", run, "--lock-timeout", "60", "--no-color"])
            #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
            #expect(resumed.stdout.contains("run \(run) succeeded"), "\(resumed.stdout)")
            let runs = try await tenantctl("machine-b", ["runs", "-o", "json"])
            let listed = try JSONValue.parse(Data(runs.stdout.utf8))
            #expect(
                listed["runs"]?.arrayValue?.first(where: { $0["run"]?.stringValue == run })?["phase"] == "succeeded",
                "\(runs.stdout)")
            let plan = try await onOwnThread { try tenant.run(cli, cluster, "plan", ["--detailed-exitcode"]) }
            #expect(plan.status == 0, "the tenant is onboarded: \(plan.stdout)\(plan.stderr)")
        }
    }

    /// The run whose journal, kept in `namespace`, holds an intent: polled while `process` runs.
    static func firstIntent(_ cluster: E2ECluster, namespace: String, while process: Process) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, process.isRunning {
            let secrets = try JSONValue.parse(
                Data(try cluster.kubectl(["get", "secrets", "-n", namespace, "-o", "json"]).utf8))
            for secret in secrets["items"]?.arrayValue ?? [] {
                let data = secret["data"]?["journal.jsonl"]?.stringValue.flatMap { Data(base64Encoded: $0) } ?? Data()
                if String(decoding: data, as: UTF8.self).contains(#""kind":"intent""#),
                    let run = secret["metadata"]?["annotations"]?["tenantctl.io/run"]?.stringValue
                {
                    return run
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Tool.Failure(command: "tenantctl apply (machine-a)", status: -1, stderr: "journalled no intent")
    }

    /// `state migrate` copies local runs into the cluster store (once: a second migrate copies nothing), where `runs`
    /// finds them; the Role `state rbac` prints is one the server takes.
    @Test func localRunsMigrateToTheClusterStoreAndTheRoleIsValid() async throws {
        try await withStore { tenant, cluster, namespace, store in
            let environment = try cluster.cceEnvironment().merging(["KUBECONFIG": cluster.kubeconfig]) { $1 }
            let applied = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            let run = try #require(try tenant.runs().first)

            let migrated = try cli.run(
                ["state", "migrate", "--state-dir", tenant.stateDirectory, "--to", store], environment: environment)
            #expect(
                migrated.status == 0 && migrated.stdout.contains("+ \(run) copied"),
                "\(migrated.stdout)\(migrated.stderr)")
            let again = try cli.run(
                ["state", "migrate", "--state-dir", tenant.stateDirectory, "--to", store], environment: environment)
            #expect(
                again.stdout.contains("= \(run) is there already") && again.stdout.contains("0 run(s) copied"),
                "\(again.stdout)")
            let local = try cli.run(["runs", "show", run, "-o", "json", "--state-dir", tenant.stateDirectory])
            let remote = try cli.run(["runs", "show", run, "-o", "json", "--state", store], environment: environment)
            #expect(remote.status == 0 && remote.stdout == local.stdout, "\(remote.stdout)\(remote.stderr)")

            let rbac = try cli.run(["state", "rbac", "--namespace", namespace])
            let file = tenant.folder.appendingPathComponent("rbac.yaml").path
            try rbac.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            let created = try cluster.kubectl(["apply", "-f", file])
            #expect(created.contains("role.rbac.authorization.k8s.io/tenantctl-state created"), "\(created)")
        }
    }

    /// On a real cluster (the sandbox does not enforce RBAC): a ServiceAccount with only the Role `state rbac`
    /// prints keeps the runs of a whole apply; without it, the error names the verb and the resource refused.
    @Test(
        .enabled(
            if: !(ProcessInfo.processInfo.environment["TENANTCTL_E2E_KUBECONFIG"] ?? "").isEmpty,
            "the sandbox does not enforce RBAC"))
    func theRoleStateRBACPrintsIsAllTheStoreNeeds() async throws {
        try await withStore { tenant, cluster, namespace, store in
            try cluster.kubectl(["create", "serviceaccount", "operator", "-n", namespace])
            let token = try cluster.kubectl(["create", "token", "operator", "-n", namespace]).trimmingCharacters(
                in: .whitespacesAndNewlines)
            let kubeconfig = tenant.folder.appendingPathComponent("operator.kubeconfig").path
            try cluster.kubectl(["config", "view", "--raw", "--minify", "--flatten"]).write(
                toFile: kubeconfig, atomically: true, encoding: .utf8)
            let context = try cluster.kubectl(["config", "current-context"]).trimmingCharacters(
                in: .whitespacesAndNewlines)
            _ = try Tool.run(
                "/usr/bin/kubectl",
                ["--kubeconfig", kubeconfig, "config", "set-credentials", "operator", "--token", token])
            _ = try Tool.run(
                "/usr/bin/kubectl",
                ["--kubeconfig", kubeconfig, "config", "set-context", context, "--user", "operator"])
            let environment = try cluster.cceEnvironment().merging(["KUBECONFIG": kubeconfig]) { $1 }
            let apply = [
                "apply", tenant.spec, "--inventory", tenant.inventory, "--kubeconfig", cluster.kubeconfig, "--no-color",
                "--state", store,
            ]

            let refused = try await onOwnThread { try cli.run(apply, environment: environment) }
            #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains("403") && refused.stderr.contains("leases"), "\(refused.stderr)")

            let rbac = try cli.run(["state", "rbac", "--namespace", namespace])
            let file = tenant.folder.appendingPathComponent("rbac.yaml").path
            try rbac.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            try cluster.kubectl(["apply", "-f", file])
            try cluster.kubectl([
                "create", "rolebinding", "operator", "-n", namespace, "--role", "tenantctl-state", "--serviceaccount",
                "\(namespace):operator",
            ])
            let applied = try await onOwnThread { try cli.run(apply, environment: environment) }
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            let runs = try cli.run(["runs", "--state", store], environment: environment)
            #expect(runs.status == 0 && runs.stdout.contains("succeeded"), "\(runs.stdout)\(runs.stderr)")
        }
    }
}
