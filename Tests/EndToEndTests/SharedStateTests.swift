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

    @Test func twoMachinesSerialiseOnTheLeaseAndTheSecondFinishesTheFirstsKilledRun() async throws {
        try await E2ETenant.with(cli) { tenant, cluster in
            let namespace = "\(tenant.name)-state"
            try cluster.kubectl(["create", "namespace", namespace])
            defer { _ = try? cluster.kubectl(["delete", "namespace", namespace, "--wait=false"]) }
            let context = try cluster.kubectl(["config", "current-context"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let state = ["--state", "kube://\(context)/\(namespace)", "--lease-duration", "3"]
            @Sendable func machine(_ name: String) throws -> [String: String] {
                try cluster.cceEnvironment().merging(["KUBECONFIG": cluster.kubeconfig, "TENANTCTL_HOST": name]) { $1 }
            }
            func tenantctl(_ name: String, _ arguments: [String]) async throws -> CommandRunner.Result {
                try await onOwnThread { try cli.run(arguments + state, environment: try machine(name)) }
            }
            let apply = ["apply", tenant.spec, "--inventory", tenant.inventory, "--kubeconfig", cluster.kubeconfig, "--no-color"]

            // Machine A starts onboarding; its first write (a node pool, through CCE) is slowed down, and A is
            // killed once the write's intent is in the cluster.
            try cluster.sandboxAdmin("POST", "/_sandbox/faults", body: #"{"path": "/api/v3/**", "method": "POST", "latencyMilliseconds": 4000}"#)
            let killed = Process()
            killed.executableURL = cli.executable
            killed.currentDirectoryURL = cli.workingDirectory
            killed.arguments = apply + state
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
            #expect(refused.stderr.contains("is locked by run \(run) (pid \(killed.processIdentifier) on host machine-a"), "\(refused.stderr)")
            #expect(!refused.stdout.contains(" created"), "\(refused.stdout)")

            // Once A's Lease lapses (3 s), B takes it over and finishes A's run.
            let resumed = try await tenantctl("machine-b", ["resume", run, "--lock-timeout", "60", "--no-color"])
            #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
            #expect(resumed.stdout.contains("run \(run) succeeded"), "\(resumed.stdout)")
            let runs = try await tenantctl("machine-b", ["runs", "-o", "json"])
            let listed = try JSONValue.parse(Data(runs.stdout.utf8))
            #expect(listed["runs"]?.arrayValue?.first(where: { $0["run"]?.stringValue == run })?["phase"] == "succeeded", "\(runs.stdout)")
            let plan = try await onOwnThread { try tenant.run(cli, cluster, "plan", ["--detailed-exitcode"]) }
            #expect(plan.status == 0, "the tenant is onboarded: \(plan.stdout)\(plan.stderr)")
        }
    }

    /// The run whose journal, kept in `namespace`, holds an intent: polled while `process` runs.
    static func firstIntent(_ cluster: E2ECluster, namespace: String, while process: Process) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, process.isRunning {
            let secrets = try JSONValue.parse(Data(try cluster.kubectl(["get", "secrets", "-n", namespace, "-o", "json"]).utf8))
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
}
