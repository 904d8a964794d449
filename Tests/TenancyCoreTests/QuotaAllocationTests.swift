import Foundation
import JSON
import Testing

@testable import TenancyCore

/// `spec.quota` is the tenant's total, divided among its namespaces: evenly, or by explicit shares with the rest
/// split evenly; whole units, remainders to the first namespaces, never more than the total.
@Suite struct QuotaAllocationTests {
    static func spec(_ namespaces: String, quota: String = Self.quota, limits: String = "") -> String {
        """
        apiVersion: tenantctl.io/v1
        kind: Tenant
        metadata: {name: shares}
        spec:
          trust: internal
          cluster: shared-prod
          owners: [{group: admins}]
          namespaces: \(namespaces)
          quota: \(quota)
        \(limits)
        """
    }

    static let quota =
        #"{cpu: "8", memory: 32Gi, storage: 200Gi, pods: 100, services: 10, deployments: 30, statefulsets: 5, persistentVolumeClaims: 20}"#

    static func load(_ text: String) throws -> (TenantSpec?, [Diagnostic]) {
        let workspace = WorkspaceLoader.load([Fixtures.inline(text), try Fixtures.inventory])
        return (workspace.tenants.first?.spec, workspace.diagnostics)
    }

    static func hard(_ quota: QuotaAllocation, _ namespace: String) -> JSONValue? {
        quota.quotaSpec(namespace)["hard"]
    }

    @Test func twoNamespacesSplitTheTotalEvenly() throws {
        let (spec, diagnostics) = try Self.load(Self.spec("[a, b]"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let quota = QuotaAllocation(try #require(spec))
        #expect(quota.allocated == quota.total)
        let half: JSONValue = [
            "requests.cpu": "4", "limits.cpu": "4", "requests.memory": "16Gi", "limits.memory": "16Gi",
            "requests.storage": "100Gi", "pods": "50", "services": "5", "count/deployments.apps": "15",
            "count/statefulsets.apps": "3", "persistentvolumeclaims": "10",
        ]
        #expect(Self.hard(quota, "a") == half)
        // statefulsets 5 over two: the first namespace takes the remainder.
        #expect(quota.shares["b"]?[.statefulsets] == 2)
        #expect(quota.shares["b"]?[.cpu] == 4000)
    }

    @Test func explicitSharesAreRespectedAndTheRestSplitEvenly() throws {
        let (spec, diagnostics) = try Self.load(
            Self.spec(#"[tools-ci, {name: tools-dashboards, quota: {cpu: "2", memory: 8Gi, pods: 10}}]"#))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let quota = QuotaAllocation(try #require(spec))
        #expect(quota.shares["tools-dashboards"]?[.cpu] == 2000)
        #expect(quota.shares["tools-dashboards"]?[.memory] == 8 << 30)
        #expect(quota.shares["tools-dashboards"]?[.pods] == 10)
        #expect(quota.shares["tools-ci"]?[.cpu] == 6000)
        #expect(quota.shares["tools-ci"]?[.memory] == 24 << 30)
        #expect(quota.shares["tools-ci"]?[.pods] == 90)
        #expect(
            quota.shares["tools-ci"]?[.storage] == 100 << 30 && quota.shares["tools-dashboards"]?[.storage] == 100 << 30
        )
        #expect(quota.allocated == quota.total)
        #expect(Self.hard(quota, "tools-ci")?["requests.memory"] == "24Gi")
    }

    @Test func thePlatformToolsExampleGivesItsDashboardsTheirShare() throws {
        let file = try Fixtures.source(Fixtures.repository.appendingPathComponent("Tenants/platform-tools.yaml"))
        let spec = try #require(WorkspaceLoader.load([file, try Fixtures.inventory]).tenants.first?.spec)
        let quota = QuotaAllocation(spec)
        #expect(
            quota.shares["tools-dashboards"]?.description
                == "cpu 2, memory 8Gi, storage 100Gi, pods 50, services 5, deployments 15, statefulsets 2, persistentVolumeClaims 10"
        )
        #expect(
            quota.shares["tools-ci"]?.description
                == "cpu 6, memory 24Gi, storage 100Gi, pods 50, services 5, deployments 15, statefulsets 3, persistentVolumeClaims 10"
        )
        #expect(quota.allocated == spec.quota.amounts)
    }

    @Test func splittingGivesTheRemainderToTheFirst() {
        #expect(QuotaAllocation.split(10, into: 3) == [4, 3, 3])
        #expect(QuotaAllocation.split(1000, into: 3) == [334, 333, 333])
        #expect(QuotaAllocation.split(2, into: 3) == [1, 1, 0])
        #expect(QuotaAllocation.split(7, into: 1) == [7])
        #expect(QuotaAllocation.split(5, into: 0) == [])
    }

    /// Property: for many totals, namespace counts and patterns of explicit shares, the shares add up to the total
    /// (to less only when every namespace is explicit), the explicit ones are kept, and the even ones differ by at most
    /// one unit, larger first.
    @Test(arguments: [1, 2, 3, 4, 7, 16])
    func roundingNeverExceedsTheTotal(namespaces count: Int) {
        let totals: [Int64] = [0, 1, 2, 3, 7, 10, 999, 1000, 1001, 8000, 34_359_738_368, 68_719_476_735]
        let namespaces = (0..<count).map { "ns-\($0)" }
        for total in totals {
            // Every pattern of which namespaces give an explicit share (all of them for up to 4 namespaces), each
            // share a different part of the total.
            for pattern in 0..<min(1 << count, 32) {
                var shares: [String: QuotaAmounts] = [:]
                for (index, namespace) in namespaces.enumerated() where pattern & (1 << index) != 0 {
                    let part = total / Int64(count * (index + 2))
                    shares[namespace] = QuotaAmounts([.cpu: part, .memory: part, .pods: part])
                }
                var spec = Self.baseSpec
                spec.namespaces = namespaces
                spec.quotaShares = shares
                spec.quota.pods = total
                spec.quota.services = total
                spec.quota.cpu = Quantity(value: Decimal(total) / 1000)
                spec.quota.memory = Quantity(value: Decimal(total))
                let quota = QuotaAllocation(spec)
                for resource in [QuotaResource.cpu, .memory, .pods, .services] {
                    let parts = namespaces.map { quota.shares[$0]?[resource] ?? -1 }
                    let open = namespaces.filter { shares[$0]?[resource] == nil }
                    #expect(parts.allSatisfy { $0 >= 0 })
                    #expect(parts.reduce(0, +) <= total, "\(resource): \(parts) over \(total)")
                    if !open.isEmpty { #expect(parts.reduce(0, +) == total) }
                    for namespace in namespaces where shares[namespace]?[resource] != nil {
                        #expect(quota.shares[namespace]?[resource] == shares[namespace]?[resource])
                    }
                    let even = open.compactMap { quota.shares[$0]?[resource] }
                    #expect(even == even.sorted(by: >))
                    #expect((even.first ?? 0) - (even.last ?? 0) <= 1)
                }
            }
        }
    }

    static let baseSpec = TenantSpec(
        name: "p", trust: .internal, cluster: "c", owners: [.group("g")], namespaces: ["a"],
        quota: TenantSpec.Quota(
            cpu: Quantity(value: 1), memory: Quantity(value: 1), storage: Quantity(value: 1), pods: 1, services: 1,
            deployments: 1, statefulsets: 1, persistentVolumeClaims: 1))

    @Test func sharesAreWrittenAsKubernetesWritesQuantities() {
        #expect(QuotaResource.cpu.text(6000) == "6")
        #expect(QuotaResource.cpu.text(2500) == "2500m")
        #expect(QuotaResource.memory.text(24 << 30) == "24Gi")
        #expect(QuotaResource.memory.text(1_500_000_000) == "1500M")
        #expect(QuotaResource.memory.text(11_453_246_123) == "11453246123")
        #expect(QuotaResource.storage.text(2 << 40) == "2Ti")
        #expect(QuotaResource.pods.text(7) == "7")
    }

    @Test func theTotalAnnotationReadsBack() throws {
        let (spec, _) = try Self.load(Self.spec("[a, b]"))
        let quota = QuotaAllocation(try #require(spec))
        let annotations = QuotaAnnotations.values(quota)
        #expect(
            annotations[QuotaAnnotations.total]
                == "cpu 8, memory 32Gi, storage 200Gi, pods 100, services 10, deployments 30, statefulsets 5, persistentVolumeClaims 20"
        )
        #expect(annotations[QuotaAnnotations.shares] == "spec")
        #expect(QuotaAnnotations.total(annotations[QuotaAnnotations.total] ?? "") == quota.total)
        #expect(QuotaAnnotations.total("cpu eight") == nil)
    }
}
