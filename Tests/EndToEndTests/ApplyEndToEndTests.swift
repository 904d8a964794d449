import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl apply`, `resume` and `rollback` through the real binary, against the sandbox (or, for the
/// Kubernetes side, the cluster `TENANTCTL_E2E_KUBECONFIG` names; fault injection and request counts need the
/// sandbox and are skipped there).
@Suite(.serialized) struct ApplyEndToEndTests {
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: E2ETenant.repository) }

    /// Runs `body` with a fresh tenant and a sandbox standing in for its CCE cluster.
    func withTenant(_ body: (E2ETenant, E2ECluster) async throws -> Void) async throws {
        try await E2ETenant.with(cli, body)
    }

    func run(_ tenant: E2ETenant, _ cluster: E2ECluster, _ command: String, _ extra: [String] = []) async throws
        -> CommandRunner.Result
    {
        try await onOwnThread { try tenant.run(cli, cluster, command, extra) }
    }

    @Test func applyOnboardsConvergesAndASecondApplyMakesNoWrites() async throws {
        try await withTenant { tenant, cluster in
            let first = try await run(tenant, cluster, "apply")
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            #expect(first.stdout.contains("+ Namespace \(tenant.namespaces[0]) created"), "\(first.stdout)")
            #expect(first.stdout.contains("+ node pool \(tenant.name)-pool created"), "\(first.stdout)")
            #expect(first.stdout.contains("run ") && first.stdout.contains("succeeded"))

            let plan = try await run(tenant, cluster, "plan", ["--detailed-exitcode"])
            #expect(plan.status == 0, "the applied tenant plans no changes: \(plan.stdout)\(plan.stderr)")

            if cluster.isSandbox { try cluster.sandboxAdmin("DELETE", "/_sandbox/requests") }
            let second = try await run(tenant, cluster, "apply")
            #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
            #expect(!second.stdout.contains(" created") && !second.stdout.contains(" updated"), "\(second.stdout)")
            if cluster.isSandbox {
                let counts = try JSONDecoder().decode(
                    JSONValue.self, from: Data(try cluster.sandboxAdmin("GET", "/_sandbox/requests").utf8))
                let writes = ["POST", "PUT", "PATCH", "DELETE"].compactMap { counts["byMethod"]?[$0]?.intValue }.reduce(
                    0, +)
                #expect(writes == 0, "a second apply wrote: \(counts)")
            }
            #expect(second.stdout.contains("\(tenant.name): nothing to change"), "\(second.stdout)")
            #expect(try tenant.runs().count == 1, "an apply that changes nothing journals no run")
        }
    }

    @Test func anAuditRightAfterOnboardingFindsNothingToFailInTheTenantsNamespaces() async throws {
        try await withTenant { tenant, cluster in
            #expect(try await run(tenant, cluster, "apply").status == 0)
            let audit = try await onOwnThread {
                try cli.run(["audit", "--kubeconfig", cluster.kubeconfig, "-o", "json"])
            }
            let report = try JSONDecoder().decode(JSONValue.self, from: Data(audit.stdout.utf8))
            let inTenant = (report["findings"]?.arrayValue ?? []).filter { finding in
                let object = finding["object"]?.stringValue ?? ""
                return tenant.namespaces.contains { object.contains(" \($0)/") || object.hasSuffix(" \($0)") }
            }
            #expect(!inTenant.contains { $0["severity"] == "fail" }, "\(inTenant)")
            #expect(inTenant.isEmpty, "an onboarded tenant's namespaces meet the guidance: \(inTenant)")
        }
    }

    @Test(.sandboxOnly("faults are injected through the sandbox"))
    func aFailureAtEachStepLeavesTheClusterAsItWas() async throws {
        try await withTenant { tenant, cluster in
            let before = try await tenant.dump(cluster)
            var step = 1
            while true {
                try cluster.sandboxAdmin("DELETE", "/_sandbox/faults")
                try cluster.sandboxAdmin(
                    "POST", "/_sandbox/faults",
                    body:
                        #"{"path": "/**", "method": "POST", "nth": \#(step), "status": 422, "message": "injected failure"}"#
                )
                let result = try await run(tenant, cluster, "apply", ["--concurrency", "1"])
                if result.status == 0 { break }  // fewer writes than `step`: every step has failed once
                if result.stderr.contains("/leases: 422 Invalid: injected failure") {
                    // The run's claim on its tenant could not be taken: it stops before its journal begins.
                    #expect(!result.stdout.contains(" created"), "step \(step): \(result.stdout)")
                } else {
                    #expect(result.stdout.contains("rolled back"), "step \(step): \(result.stdout)\(result.stderr)")
                    #expect(result.stdout.contains("injected failure"), "step \(step): \(result.stdout)")
                }
                let after = try await tenant.dump(cluster)
                #expect(after == before, "step \(step) left: \(Set(after).symmetricDifference(before).sorted())")
                step += 1
            }
            #expect(step > 10, "the tenant's onboarding has more than ten writes; only \(step - 1) failed")
        }
    }

    @Test func aPreExistingUnlabelledNamespaceIsLeftUntouched() async throws {
        try await withTenant { tenant, cluster in
            try await onOwnThread { try cluster.kubectl(["create", "namespace", tenant.namespaces[1]]) }
            try await cluster.waitForDefaultServiceAccount(in: tenant.namespaces[1])
            let before = try await tenant.dump(cluster)
            let result = try await run(tenant, cluster, "apply")
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            #expect(
                result.stderr.contains("nothing was written")
                    && result.stderr.contains("Namespace \(tenant.namespaces[1])"), "\(result.stderr)")
            #expect(try await tenant.dump(cluster) == before)
            if !cluster.isSandbox {
                _ = try? cluster.kubectl(["delete", "namespace", tenant.namespaces[1], "--wait=false"])
            }
        }
    }

    @Test func adoptTakesOverAnUnlabelledNamespaceAndRollbackGivesItBack() async throws {
        try await withTenant { tenant, cluster in
            let taken = tenant.namespaces[1]
            try await onOwnThread { try cluster.kubectl(["create", "namespace", taken]) }
            try await onOwnThread { try cluster.kubectl(["label", "namespace", taken, "team=existing"]) }
            try await cluster.waitForDefaultServiceAccount(in: taken)
            let labels = { () async throws -> JSONValue? in
                let output = try await onOwnThread { try cluster.kubectl(["get", "namespace", taken, "-o", "json"]) }
                return try JSONDecoder().decode(JSONValue.self, from: Data(output.utf8))["metadata"]?["labels"]
            }
            let before = try await labels()
            let adopted = try await run(tenant, cluster, "apply", ["--adopt"])
            #expect(adopted.status == 0, "\(adopted.stdout)\(adopted.stderr)")
            #expect(adopted.stdout.contains("~ Namespace \(taken) updated"), "\(adopted.stdout)")
            #expect(try await labels()?["tenantctl.io/tenant"] == .string(tenant.name))
            #expect(try await labels()?["team"] == "existing")

            let run = try #require(try tenant.runs().last)
            let rolledBack = try await onOwnThread {
                try cli.run(
                    ["rollback", run, "--state-dir", tenant.stateDirectory], environment: try cluster.cceEnvironment())
            }
            #expect(rolledBack.status == 0, "\(rolledBack.stdout)\(rolledBack.stderr)")
            #expect(try await labels() == before, "the adopted namespace is given back with its own labels only")
            if !cluster.isSandbox { _ = try? cluster.kubectl(["delete", "namespace", taken, "--wait=false"]) }
        }
    }

    @Test func adoptNeverTakesAnotherTenantsNamespace() async throws {
        try await withTenant { tenant, cluster in
            let taken = tenant.namespaces[0]
            try await onOwnThread { try cluster.kubectl(["create", "namespace", taken]) }
            try await onOwnThread {
                try cluster.kubectl(["label", "namespace", taken, "tenantctl.io/tenant=someone-else"])
            }
            let result = try await run(tenant, cluster, "apply", ["--adopt"])
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            #expect(
                result.stderr.contains("belongs to tenant \"someone-else\"")
                    && result.stderr.contains("nothing was written"), "\(result.stderr)")
            if !cluster.isSandbox { _ = try? cluster.kubectl(["delete", "namespace", taken, "--wait=false"]) }
        }
    }

    @Test(.sandboxOnly("the example tenants' names are fixed, so only a cluster of the test's own may hold them"))
    func everyExampleTenantOnboardsAndConverges() async throws {
        try await E2ETenant.with(cli, inventory: E2ETenant.exampleInventory) { tenant, cluster in
            let arguments = ["Tenants/", "--kubeconfig", cluster.kubeconfig]
            let applied = try await onOwnThread {
                try cli.run(
                    ["apply"] + arguments + ["--state-dir", tenant.stateDirectory],
                    environment: try cluster.cceEnvironment())
            }
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            for name in ["acme", "batchco", "crowdlabs", "finbank", "platform-tools"] {
                #expect(
                    applied.stdout.contains("\(name): run ") && applied.stdout.contains("-\(name)-"),
                    "\(name) was not applied")
            }
            #expect(applied.stdout.contains("+ cluster finbank created"), "the physical tenant gets its own cluster")
            let plan = try await onOwnThread {
                try cli.run(["plan"] + arguments + ["--detailed-exitcode"], environment: try cluster.cceEnvironment())
            }
            #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        }
    }

    @Test func aSavedPlanIsAppliedExactlyOrRefusedAsStale() async throws {
        try await withTenant { tenant, cluster in
            let saved = tenant.folder.appendingPathComponent("plan.json").path
            #expect(try await run(tenant, cluster, "plan", ["--out", saved]).status == 0)
            try await onOwnThread { try cluster.kubectl(["create", "namespace", tenant.namespaces[0]]) }
            let stale = try await onOwnThread {
                try cli.run(
                    ["apply", saved, "--state-dir", tenant.stateDirectory], environment: try cluster.cceEnvironment())
            }
            #expect(stale.status == 1, "\(stale.stdout)\(stale.stderr)")
            #expect(
                stale.stderr.contains("is stale") && stale.stderr.contains("namespace[\(tenant.namespaces[0])]"),
                "\(stale.stderr)")
            #expect(try tenant.runs().isEmpty, "a stale plan writes nothing, not even a journal")
            try await onOwnThread { try cluster.kubectl(["delete", "namespace", tenant.namespaces[0], "--wait=true"]) }

            #expect(try await run(tenant, cluster, "plan", ["--out", saved]).status == 0)
            let applied = try await onOwnThread {
                try cli.run(
                    ["apply", saved, "--state-dir", tenant.stateDirectory], environment: try cluster.cceEnvironment())
            }
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            #expect(try await run(tenant, cluster, "plan", ["--detailed-exitcode"]).status == 0)
        }
    }

    /// The repro from the safety review: a saved plan whose change was edited — another target, a body that binds
    /// cluster-admin to everyone, a larger pool — is refused, and nothing is written.
    @Test(arguments: ["target", "body", "pool"])
    func anEditedSavedPlanIsRefused(edit: String) async throws {
        try await withTenant { tenant, cluster in
            let saved = tenant.folder.appendingPathComponent("plan.json").path
            #expect(try await run(tenant, cluster, "plan", ["--out", saved]).status == 0)
            var document = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: saved)))
            var changes = document["plans"]?.arrayValue?.first?["changes"]?.arrayValue ?? []
            let index = try #require(
                changes.firstIndex { change in
                    edit == "pool"
                        ? change["target"]?["resource"] == "nodePool" && change["target"]?["name"] != "tenantctl-system"
                        : change["desired"]?["kind"] == "RoleBinding"
                })
            switch edit {
            case "target": changes[index]["desired"]?["metadata"]?["namespace"] = "kube-system"
            case "body":
                changes[index]["desired"]?["roleRef"]?["name"] = "cluster-admin"
                changes[index]["desired"]?["subjects"] = [
                    ["kind": "Group", "name": "system:authenticated", "apiGroup": "rbac.authorization.k8s.io"]
                ]
            default: changes[index]["desired"]?["spec"]?["initialNodeCount"] = 200
            }
            var plans = document["plans"]?.arrayValue ?? []
            plans[0]["changes"] = .array(changes)
            document["plans"] = .array(plans)
            try document.jsonData(pretty: true).write(to: URL(fileURLWithPath: saved))

            if cluster.isSandbox { try cluster.sandboxAdmin("DELETE", "/_sandbox/requests") }
            let applied = try await onOwnThread {
                try cli.run(
                    ["apply", saved, "--state-dir", tenant.stateDirectory], environment: try cluster.cceEnvironment())
            }
            #expect(applied.status == 1, "\(applied.stdout)\(applied.stderr)")
            #expect(
                applied.stderr.contains("is stale") && applied.stderr.contains("the file was edited"),
                "\(applied.stderr)")
            #expect(try tenant.runs().isEmpty, "nothing is written, not even a journal")
            if cluster.isSandbox {
                let counts = try JSONValue.parse(try cluster.sandboxAdmin("GET", "/_sandbox/requests"))
                let writes = ["POST", "PUT", "PATCH", "DELETE"].compactMap { counts["byMethod"]?[$0]?.intValue }.reduce(
                    0, +)
                #expect(writes == 0, "\(counts)")
            }
        }
    }

    @Test func twoConcurrentAppliesOfOneTenantNeverInterleave() async throws {
        try await withTenant { tenant, cluster in
            async let first = run(tenant, cluster, "apply", ["--lock-timeout", "120"])
            async let second = run(tenant, cluster, "apply", ["--lock-timeout", "120"])
            let results = try await [first, second]
            #expect(results.allSatisfy { $0.status == 0 }, "\(results.map { $0.stdout + $0.stderr })")
            // The lock serialises them: one run creates everything, the other finds it all as planned.
            let creators = results.filter { $0.stdout.contains(" created") }
            #expect(creators.count == 1, "\(results.map(\.stdout))")
            #expect(results.contains { !$0.stdout.contains(" created") && $0.stdout.contains("already as planned") })

            let held = try await onOwnThread { () -> CommandRunner.Result in
                // A lock held by a live process makes an apply without a timeout fail, naming the holder.
                let lockDirectory = URL(fileURLWithPath: tenant.stateDirectory).appendingPathComponent("locks")
                try FileManager.default.createDirectory(at: lockDirectory, withIntermediateDirectories: true)
                let holder =
                    #"{"owner": "other-run", "pid": \#(getpid()), "host": "\#(ProcessInfo.processInfo.hostName)", "since": "2026-11-22T00:00:00Z"}"#
                try holder.write(
                    to: lockDirectory.appendingPathComponent("\(tenant.name).lock"), atomically: true, encoding: .utf8)
                return try tenant.run(cli, cluster, "apply")
            }
            #expect(held.status == 1)
            #expect(held.stderr.contains("other-run"), "\(held.stderr)")
        }
    }

    /// The safety review's repro: two applies of one tenant from different state directories both ran. The run
    /// holds a Lease in the cluster, so the second waits for it (or, without a wait, stops, naming the holder).
    @Test func appliesFromTwoStateDirectoriesNeverInterleave() async throws {
        try await withTenant { tenant, cluster in
            let other = tenant.folder.appendingPathComponent("other-state").path
            async let first = run(tenant, cluster, "apply", ["--lock-timeout", "120"])
            async let second = onOwnThread {
                try cli.run(
                    [
                        "apply", tenant.spec, "--inventory", tenant.inventory, "--kubeconfig", cluster.kubeconfig,
                        "--no-color",
                        "--state-dir", other, "--lock-timeout", "120",
                    ], environment: try cluster.cceEnvironment())
            }
            let results = try await [first, second]
            #expect(results.allSatisfy { $0.status == 0 }, "\(results.map { $0.stdout + $0.stderr })")
            #expect(results.filter { $0.stdout.contains(" created") }.count == 1, "\(results.map(\.stdout))")
            let lease = "tenantctl-tenant-\(tenant.name)"
            let leases = try cluster.kubectl([
                "get", "leases", "-n", "kube-system", "-o", "name", "--field-selector", "metadata.name=\(lease)",
            ])
            #expect(leases.isEmpty, "each run releases its lease: \(leases)")

            // A live holder elsewhere (renewed just now) stops an apply without a wait; nothing is written.
            try await onOwnThread { () -> Void in
                let now = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: "Z", with: ".000000Z")
                let object =
                    #"{"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "\#(lease)", "namespace": "kube-system"}, "spec": {"holderIdentity": "other-run@elsewhere:4242", "leaseDurationSeconds": 30, "renewTime": "\#(now)"}}"#
                let file = tenant.folder.appendingPathComponent("lease.json").path
                try object.write(toFile: file, atomically: true, encoding: .utf8)
                try cluster.kubectl(["create", "-f", file])
            }
            try cluster.kubectl(["delete", "namespace", tenant.namespaces[0], "--wait=true"])
            let held = try await run(tenant, cluster, "apply")
            #expect(held.status == 1, "\(held.stdout)\(held.stderr)")
            #expect(
                held.stderr.contains("is being applied by run other-run (pid 4242 on host elsewhere)"), "\(held.stderr)"
            )
            #expect(!held.stdout.contains(" created"), "\(held.stdout)")
            try cluster.kubectl(["delete", "lease", lease, "-n", "kube-system"])
        }
    }
}
