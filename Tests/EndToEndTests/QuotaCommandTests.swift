import Foundation
import JSON
import TestSupport
import Testing

/// A tenant's quota across its namespaces through the real binary, against the sandbox (or the cluster
/// `TENANTCTL_E2E_KUBECONFIG` names, whose quota controller counts the use): `quota` shows each namespace's share
/// and use, `plan --rebalance-quota` moves unused share toward use as a saved plan that `apply` applies (or
/// `apply --rebalance-quota` in one step), a later apply keeps it, and a share edited beyond the total is reported
/// by `quota` and `audit`. Only the test's own tenant is compared.
@Suite struct QuotaCommandTests {
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: E2ETenant.repository) }

    /// `tenantctl quota` for the tenant, as JSON, and its exit status.
    func quota(_ tenant: E2ETenant, _ cluster: E2ECluster) async throws -> (status: Int32, report: JSONValue) {
        let cli = self.cli
        let result = try await onOwnThread {
            try cli.run(
                [
                    "quota", tenant.name, "--specs", tenant.spec, "--inventory", tenant.inventory, "--kubeconfig",
                    cluster.kubeconfig, "-o", "json",
                ],
                environment: try cluster.cceEnvironment())
        }
        return (result.status, try JSONValue.parse(result.stdout.isEmpty ? "null" : result.stdout))
    }

    /// The report once `condition` holds for it (the quota controller counts use a moment after a change).
    func quota(_ tenant: E2ETenant, _ cluster: E2ECluster, until condition: (JSONValue) -> Bool) async throws
        -> JSONValue
    {
        var report: JSONValue = .null
        for _ in 0..<300 {
            report = try await quota(tenant, cluster).report
            if condition(report) { return report }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the quota report never reached the expected state: \(report.jsonString())")
        return report
    }

    /// Creates a Service in `namespace` and waits until the quota counts it: then the only use of the tenant's
    /// services.
    func useOneService(_ tenant: E2ETenant, _ cluster: E2ECluster, in namespace: String) async throws {
        let service = tenant.folder.appendingPathComponent("service.yaml")
        try """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: \(namespace)}
        spec: {ports: [{port: 80}]}
        """.write(to: service, atomically: true, encoding: .utf8)
        try await onOwnThread { _ = try cluster.kubectl(["apply", "-f", service.path]) }
        let used = try await quota(tenant, cluster) { Self.share($0, namespace, "used")?["services"] == "1" }
        #expect(used["used"]?["services"] == "1")
    }

    static func share(_ report: JSONValue, _ namespace: String, _ field: String = "share") -> JSONValue? {
        report["namespaces"]?.arrayValue?.first { $0["name"]?.stringValue == namespace }?[field]
    }

    @Test func quotaShowsSharesAndUseAndARebalanceHoldsUntilTheSpecChanges() async throws {
        let cli = self.cli
        try await E2ETenant.with(cli) { tenant, cluster in
            let (web, data) = (tenant.namespaces[0], tenant.namespaces[1])
            let applied = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")

            // 4 CPUs, 8Gi, 20Gi, 20 pods, 5 services, 5 deployments, 2 statefulsets, 4 claims over two namespaces.
            let counted = try await quota(tenant, cluster) {
                Self.share($0, web, "used")?["services"] == "0" && Self.share($0, data, "used") != .null
            }
            #expect(
                counted["total"] == [
                    "cpu": "4", "memory": "8Gi", "storage": "20Gi", "pods": "20", "services": "5", "deployments": "5",
                    "statefulsets": "2", "persistentVolumeClaims": "4",
                ])
            #expect(counted["allocated"] == counted["total"])
            #expect(counted["overAllocated"] == [])
            #expect(
                Self.share(counted, web) == [
                    "cpu": "2", "memory": "4Gi", "storage": "10Gi", "pods": "10", "services": "3", "deployments": "3",
                    "statefulsets": "1", "persistentVolumeClaims": "2",
                ])
            #expect(Self.share(counted, data)?["services"] == "2" && Self.share(counted, data)?["cpu"] == "2")
            #expect(Self.share(counted, web, "from") == "spec")

            // A Service in the first namespace: the only use of the tenant's 5 services.
            try await useOneService(tenant, cluster, in: web)

            // Rebalanced: the first namespace keeps its 1; of the 4 left, 2 are split evenly (1 each) and 2 go by
            // use (both to the first). Nothing else is used, so nothing else moves.
            let saved = tenant.folder.appendingPathComponent("rebalance.json").path
            let plan = try await onOwnThread {
                try tenant.run(cli, cluster, "plan", ["--rebalance-quota", "--out", saved])
            }
            #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
            #expect(plan.stdout.contains("~ ResourceQuota \(web)/tenant-quota"), "\(plan.stdout)")
            #expect(plan.stdout.contains(#"~ spec.hard.services: "3" → "4""#), "\(plan.stdout)")
            #expect(
                plan.stdout.contains(
                    "Quota share of \(web) (rebalanced): cpu 2, memory 4Gi, storage 10Gi, pods 10, services 4,"),
                "\(plan.stdout)")
            let apply = try await onOwnThread {
                try cli.run(
                    ["apply", saved, "--state-dir", tenant.stateDirectory], environment: try cluster.cceEnvironment())
            }
            #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
            let rebalanced = try await quota(tenant, cluster) { Self.share($0, web)?["services"] == "4" }
            #expect(Self.share(rebalanced, data)?["services"] == "1")
            #expect(Self.share(rebalanced, web, "from")?.stringValue?.hasPrefix("rebalanced ") == true)
            #expect(rebalanced["allocated"] == rebalanced["total"])

            // A plain plan and apply keep the rebalance: the spec's division has not changed.
            let replan = try await onOwnThread { try tenant.run(cli, cluster, "plan", ["--detailed-exitcode"]) }
            #expect(replan.status == 0, "\(replan.stdout)\(replan.stderr)")
            #expect(replan.stdout.contains("The shares are rebalanced toward use"), "\(replan.stdout)")

            // Raising one share by hand beyond the total: quota exits 1 naming it, and the audit fails the tenant.
            try await onOwnThread {
                _ = try cluster.kubectl([
                    "patch", "resourcequota", "tenant-quota", "-n", data, "--type", "merge", "-p",
                    #"{"spec":{"hard":{"pods":"25"}}}"#,
                ])
            }
            let over = try await quota(tenant, cluster) { Self.share($0, data)?["pods"] == "25" }
            #expect(over["overAllocated"] == ["pods"])
            #expect(try await quota(tenant, cluster).status == 1)
            let audit = try await onOwnThread {
                try cli.run(["audit", "--kubeconfig", cluster.kubeconfig, "-o", "json"])
            }
            let findings = try JSONValue.parse(audit.stdout)["findings"]?.arrayValue ?? []
            let ours = findings.filter { $0["object"]?.stringValue == "Tenant \(tenant.name)" }
            #expect(ours.map { $0["check"] } == ["quota-over-allocated"], "\(audit.stdout)")
            #expect(ours.first?["message"]?.stringValue?.contains("pods 35 > 20") == true, "\(ours)")
        }
    }

    @Test func anUnknownTenantIsAUsageError() throws {
        let result = try cli.run(["quota", "no-such-tenant", "--offline-nothing"])
        #expect(result.status == 2, "\(result.stderr)")
        let unknown = try cli.run(["quota", "no-such-tenant"])
        #expect(unknown.status == 2, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("no spec for tenant no-such-tenant"), "\(unknown.stderr)")
    }

    /// `apply --rebalance-quota` plans the rebalance and applies it in one step; a saved plan cannot take the flag
    /// (what it applies is what was planned).
    @Test func applyRebalancesInOneStep() async throws {
        let cli = self.cli
        try await E2ETenant.with(cli) { tenant, cluster in
            let (web, data) = (tenant.namespaces[0], tenant.namespaces[1])
            let applied = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            try await useOneService(tenant, cluster, in: web)

            let saved = tenant.folder.appendingPathComponent("plain.json").path
            let plan = try await onOwnThread { try tenant.run(cli, cluster, "plan", ["--out", saved]) }
            #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
            let refused = try await onOwnThread {
                try cli.run(
                    ["apply", saved, "--rebalance-quota", "--state-dir", tenant.stateDirectory],
                    environment: try cluster.cceEnvironment())
            }
            #expect(refused.status == 1)
            #expect(
                refused.stderr.contains(
                    "--rebalance-quota applies to a plan made now; make the saved plan with `tenantctl plan --rebalance-quota`"
                ), "\(refused.stderr)")

            let rebalance = try await onOwnThread { try tenant.run(cli, cluster, "apply", ["--rebalance-quota"]) }
            #expect(rebalance.status == 0, "\(rebalance.stdout)\(rebalance.stderr)")
            #expect(rebalance.stdout.contains("~ ResourceQuota \(web)/tenant-quota updated"), "\(rebalance.stdout)")
            let rebalanced = try await quota(tenant, cluster) { Self.share($0, web)?["services"] == "4" }
            #expect(Self.share(rebalanced, data)?["services"] == "1")
            #expect(Self.share(rebalanced, web, "from")?.stringValue?.hasPrefix("rebalanced ") == true)
        }
    }
}
