import JSON
import Testing

@testable import TenancyCore

/// The audit reports a tenant whose namespaces' quotas add up to more than its total.
@Suite struct TenantQuotaRuleTests {
    static let total =
        "cpu 8, memory 32Gi, storage 200Gi, pods 100, services 10, deployments 30, statefulsets 5, persistentVolumeClaims 20"

    static func namespace(_ name: String, tenant: String?) -> JSONValue {
        [
            "kind": "Namespace",
            "metadata": ["name": .string(name), "labels": tenant.map { [Labels.tenant: .string($0)] } ?? [:]],
        ]
    }

    static func quota(
        _ namespace: String, cpu: String, pods: String, tenant: String? = "tools", total: String? = Self.total
    ) -> JSONValue {
        var metadata: JSONValue = ["name": "tenant-quota", "namespace": .string(namespace)]
        if let tenant { metadata["labels"] = [Labels.tenant: .string(tenant)] }
        if let total { metadata["annotations"] = [QuotaAnnotations.total: .string(total)] }
        return [
            "kind": "ResourceQuota", "metadata": metadata,
            "spec": [
                "hard": [
                    "requests.cpu": .string(cpu), "limits.cpu": .string(cpu), "requests.memory": "16Gi",
                    "limits.memory": "16Gi",
                    "requests.storage": "100Gi", "pods": .string(pods), "services": "5", "count/deployments.apps": "15",
                    "count/statefulsets.apps": "2", "persistentvolumeclaims": "10",
                ]
            ],
        ]
    }

    static let namespaces = [
        namespace("tools-ci", tenant: "tools"), namespace("tools-dash", tenant: "tools"),
        namespace("shop", tenant: nil),
    ]

    @Test func sharesWithinTheTotalAreFine() {
        let quotas = [Self.quota("tools-ci", cpu: "6", pods: "50"), Self.quota("tools-dash", cpu: "2", pods: "50")]
        #expect(TenantQuotaRule.check(namespaces: Self.namespaces, quotas: quotas).isEmpty)
    }

    @Test func aManualEditBeyondTheTotalIsReported() {
        let quotas = [
            Self.quota("tools-ci", cpu: "6", pods: "80"), Self.quota("tools-dash", cpu: "4", pods: "50"),
            Self.quota("shop", cpu: "64", pods: "500", tenant: nil, total: nil),
        ]
        let findings = TenantQuotaRule.check(namespaces: Self.namespaces, quotas: quotas)
        #expect(
            findings.map(\.line) == [
                "FAIL G4 Tenant tools: its namespaces' ResourceQuotas add up to more than its total (tenantctl.io/quota-total): cpu 10 > 8 (tools-ci 6, tools-dash 4); pods 130 > 100 (tools-ci 80, tools-dash 50) — fix: plan and apply the tenant (tenantctl plan, tenantctl apply) to divide its total again; tenantctl quota tools shows the shares"
            ])
    }

    @Test func aSecondStricterQuotaBoundsTheNamespaceAndAMissingOneLeavesItUnbounded() {
        var extra = Self.quota("tools-ci", cpu: "1", pods: "10", tenant: nil, total: nil)
        extra["metadata"]?["name"] = "team-cap"
        let capped = [
            Self.quota("tools-ci", cpu: "7", pods: "90"), extra, Self.quota("tools-dash", cpu: "2", pods: "50"),
        ]
        #expect(TenantQuotaRule.check(namespaces: Self.namespaces, quotas: capped).isEmpty)

        let onlyOne = [Self.quota("tools-ci", cpu: "6", pods: "50")]
        let findings = TenantQuotaRule.check(namespaces: Self.namespaces, quotas: onlyOne)
        #expect(findings.first?.message.contains("cpu unbounded in tools-dash (no quota sets it)") == true)
    }

    @Test func theSnapshotAuditIncludesTheRule() {
        var snapshot = ClusterSnapshot()
        snapshot.namespaces = Self.namespaces
        snapshot.resourceQuotas = [
            Self.quota("tools-ci", cpu: "8", pods: "50"), Self.quota("tools-dash", cpu: "8", pods: "50"),
        ]
        #expect(
            snapshot.audit(versionWindow: nil).contains {
                $0.check == "quota-over-allocated" && $0.object == "Tenant tools"
            })
    }
}
