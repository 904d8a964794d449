import Foundation
import JSON
import Testing

@testable import TenancyCore

/// A rebalance moves unused share toward where it is used, never below a namespace's use nor above the total; a
/// later plan keeps it while the spec's division stays as it was.
@Suite struct QuotaRebalanceTests {
    /// acme: 16 CPUs, 64Gi, 500Gi, 200 pods, … over acme-web and acme-data; containers up to 4 CPUs and 8Gi, claims
    /// up to 100Gi.
    static var acme: TenantSpec { get throws { try #require(try Onboarding.load().specs["acme"]) } }

    /// A namespace's ResourceQuota as the server holds it: `hard`, the annotations of `origin`, and `used`.
    static func live(_ quota: QuotaAllocation, _ namespace: String, used: [String: JSONValue]?) -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "v1", "kind": "ResourceQuota",
            "metadata": [
                "name": "tenant-quota", "namespace": .string(namespace),
                "annotations": .object(QuotaAnnotations.values(quota).mapValues(JSONValue.string)),
            ],
            "spec": .object(quota.quotaSpec(namespace)),
        ]
        if let used { object["status"] = ["hard": quota.quotaSpec(namespace)["hard"] ?? [:], "used": .object(used)] }
        return object
    }

    @Test func rebalancingKeepsEachNamespacesUseAndSplitsTheRestEvenly() throws {
        let spec = try Self.acme
        let planned = QuotaAllocation(spec)
        let quotas = [
            "acme-web": Self.live(
                planned, "acme-web",
                used: [
                    "requests.cpu": "6", "limits.cpu": "7500m", "pods": "90", "requests.memory": "20Gi",
                    "limits.memory": "30Gi",
                ]),
            "acme-data": Self.live(
                planned, "acme-data", used: ["requests.cpu": "0", "pods": "3", "requests.storage": "120Gi"]),
        ]
        let rebalanced = try QuotaAllocation.live(spec, quotas: quotas, rebalance: true)
        #expect(rebalanced.origin == .rebalanced(basis: planned.basis))
        #expect(rebalanced.allocated == spec.quota.amounts)
        // cpu: web keeps 7.5 (its limits), data at least one container's maximum (4); of the 4.5 left, 2250m
        // evenly (1125m each) and 2250m by use (all to web, data uses none).
        #expect(rebalanced.shares["acme-web"]?[.cpu] == 10875 && rebalanced.shares["acme-data"]?[.cpu] == 5125)
        // memory: web 30Gi, data 8Gi (a container's maximum); of the 26Gi left, 6.5Gi each and 13Gi to web.
        #expect(
            rebalanced.shares["acme-web"]?[.memory] == 99 << 29 && rebalanced.shares["acme-data"]?[.memory] == 29 << 29)
        // pods: 90 and 3 used, 107 left: 54 evenly (27 each), 53 by use (51 and 1, the remainder to the first).
        #expect(rebalanced.shares["acme-web"]?[.pods] == 169 && rebalanced.shares["acme-data"]?[.pods] == 31)
        // storage: web at one claim's maximum (100Gi), data at its 120Gi; of the 280Gi left, 70Gi each and 140Gi
        // to data, the only one using any.
        #expect(
            rebalanced.shares["acme-web"]?[.storage] == 170 << 30
                && rebalanced.shares["acme-data"]?[.storage] == 330 << 30)
        // services: nobody uses any, so nothing moves: the spec's even split.
        #expect(rebalanced.shares["acme-web"]?[.services] == 10 && rebalanced.shares["acme-data"]?[.services] == 10)
    }

    @Test func headroomIsHalfEvenHalfByUse() {
        #expect(QuotaRebalance.headroom(10, use: [0, 0, 0]) == [4, 3, 3])
        #expect(QuotaRebalance.headroom(10, use: [3, 1]) == [3 + 4, 2 + 1])
        #expect(QuotaRebalance.headroom(1, use: [5, 0]) == [1, 0])
        #expect(QuotaRebalance.headroom(Int64.max / 2, use: [Int64.max / 4, 1]).reduce(0, +) == Int64.max / 2)
    }

    /// Property: for varied use that fits the total, every share is at least its namespace's use and the shares add
    /// up to the total exactly.
    @Test(arguments: [2, 3, 5])
    func rebalancingNeverGoesBelowUseNorAboveTheTotal(namespaces count: Int) throws {
        var spec = try Self.acme
        spec.namespaces = (0..<count).map { "acme-\($0)" }
        let planned = QuotaAllocation(spec)
        for round in 0..<200 {
            // Each namespace uses a different, varying part of what the others left: none of it, up to nearly all.
            var used: [String: QuotaAmounts] = [:]
            var quotas: [String: JSONValue] = [:]
            for resource in QuotaResource.allCases {
                var left = planned.total[resource] ?? 0
                for (index, namespace) in spec.namespaces.enumerated() {
                    let amount = left / Int64(count + 1) * Int64((round + index * 7) % (count + 1))
                    left -= amount
                    used[namespace, default: QuotaAmounts()][resource] = amount
                }
            }
            for namespace in spec.namespaces {
                let share = used[namespace] ?? QuotaAmounts()
                quotas[namespace] = Self.live(planned, namespace, used: share.hard)
            }
            let rebalanced = try QuotaAllocation.live(spec, quotas: quotas, rebalance: true)
            #expect(rebalanced.allocated == planned.total)
            for namespace in spec.namespaces {
                for resource in QuotaResource.allCases {
                    #expect((rebalanced.shares[namespace]?[resource] ?? -1) >= (used[namespace]?[resource] ?? 0))
                }
            }
        }
    }

    @Test func useBeyondTheTotalCannotBeRebalanced() throws {
        let spec = try Self.acme
        let planned = QuotaAllocation(spec)
        let quotas = [
            "acme-web": Self.live(planned, "acme-web", used: ["pods": "150"]),
            "acme-data": Self.live(planned, "acme-data", used: ["pods": "60"]),
        ]
        let error = #expect(throws: PlanningError.self) {
            try QuotaAllocation.live(spec, quotas: quotas, rebalance: true)
        }
        #expect(
            error?.messages == [
                "the quota cannot be rebalanced: its namespaces use 210 of pods together (acme-web 150, acme-data 60), more than the total 200 (spec.quota.pods): no share can stay at its use; raise the total or lower the use"
            ])
    }

    @Test func rebalancingNeedsEveryNamespacesCountedUse() throws {
        let spec = try Self.acme
        let planned = QuotaAllocation(spec)
        let quotas = [
            "acme-web": Self.live(planned, "acme-web", used: ["pods": "1"]),
            "acme-data": Self.live(planned, "acme-data", used: nil),
        ]
        #expect(throws: PlanningError.self) { try QuotaAllocation.live(spec, quotas: quotas, rebalance: true) }
    }

    @Test func aLaterPlanKeepsTheRebalanceWhileTheSpecsDivisionIsUnchanged() throws {
        let spec = try Self.acme
        let planned = QuotaAllocation(spec)
        let rebalanced = try QuotaAllocation.live(
            spec,
            quotas: [
                "acme-web": Self.live(planned, "acme-web", used: ["pods": "90"]),
                "acme-data": Self.live(planned, "acme-data", used: ["pods": "0"]),
            ], rebalance: true)
        let live = [
            "acme-web": Self.live(rebalanced, "acme-web", used: nil),
            "acme-data": Self.live(rebalanced, "acme-data", used: nil),
        ]
        #expect(try QuotaAllocation.live(spec, quotas: live, rebalance: false) == rebalanced)

        // The spec's division changes: its new division wins.
        var raised = spec
        raised.quota.pods = 300
        #expect(try QuotaAllocation.live(raised, quotas: live, rebalance: false) == QuotaAllocation(raised))
        var explicit = spec
        explicit.quotaShares = ["acme-data": QuotaAmounts([.cpu: 2000])]
        #expect(try QuotaAllocation.live(explicit, quotas: live, rebalance: false).origin == .spec)

        // A namespace without the rebalance's mark, or shares edited beyond the total: the spec's division.
        var unmarked = live
        unmarked["acme-data"]?["metadata"]?["annotations"]?[QuotaAnnotations.shares] = "spec"
        #expect(try QuotaAllocation.live(spec, quotas: unmarked, rebalance: false) == planned)
        var edited = live
        edited["acme-web"]?["spec"]?["hard"]?["pods"] = "190"
        #expect(try QuotaAllocation.live(spec, quotas: edited, rebalance: false) == planned)
    }

    @Test func aKeptRebalancePlansToNothingAndNotesTheSpecEntry() throws {
        let onboarding = try Onboarding.load()
        let inputs = try onboarding.inputs("acme")
        let planned = QuotaAllocation(inputs.spec)
        var shares = planned.shares
        shares["acme-web"]?[.pods] = 150
        shares["acme-data"]?[.pods] = 50
        let rebalanced = QuotaAllocation(
            total: planned.total, namespaces: planned.namespaces, shares: shares,
            origin: .rebalanced(basis: planned.basis))
        var kept = inputs
        kept.quota = rebalanced
        let steps = try TenantPlanner.render(kept)
        var live = LiveState()
        for step in steps {
            guard case .kubernetes(_, let object) = step.action, let key = ObjectKey(object: object) else { continue }
            live.objects[key] = object
        }
        // Planned from the spec alone, the live rebalanced quotas are kept: nothing changes.
        let again = try onboarding.inputs("acme")
        let quota = try QuotaAllocation.live(again.spec, quotas: steps.liveQuotas(in: live.objects), rebalance: false)
        #expect(quota == rebalanced)
        var replanned = again
        replanned.quota = quota
        let plan = TenantPlanner.plan(replanned, steps: try TenantPlanner.render(replanned), live: live, offline: false)
        #expect(plan.changes.filter { $0.stepID == "quota" }.allSatisfy { $0.action == .noOp })
        #expect(
            plan.notes.contains(
                "Quota share of acme-web (rebalanced): cpu 8, memory 32Gi, storage 250Gi, pods 150, services 10, deployments 25, statefulsets 5, persistentVolumeClaims 15."
            ))
        #expect(
            plan.notes.contains {
                $0.contains(
                    #"namespaces: [{name: acme-web, quota: {cpu: "8", memory: "32Gi", storage: "250Gi", pods: 150, services: 10, deployments: 25, statefulsets: 5, persistentVolumeClaims: 15}}, {name: acme-data, quota: {cpu: "8", memory: "32Gi", storage: "250Gi", pods: 50, "#
                )
            })
    }

    @Test func aShareBelowWhatANamespaceUsesIsNoted() throws {
        let spec = try Self.acme
        let planned = QuotaAllocation(spec)
        let live = [
            "acme-web": Self.live(planned, "acme-web", used: ["pods": "150", "requests.cpu": "8"]),
            "acme-data": Self.live(planned, "acme-data", used: ["pods": "3"]),
        ]
        #expect(
            QuotaNotes.belowUse(planned, live: live) == [
                "acme-web uses more than its quota share (pods 150 used, share 100): what runs keeps running, but the server admits nothing more of it there until its use falls; tenantctl plan --rebalance-quota moves unused share to it."
            ])
    }

    @Test func thePlanNotesTheTotalAndEachShare() throws {
        let onboarding = try Onboarding.load()
        let inputs = try onboarding.inputs("platform-tools")
        let plan = TenantPlanner.plan(inputs, steps: try TenantPlanner.render(inputs), live: LiveState(), offline: true)
        #expect(
            Array(plan.notes.prefix(3)) == [
                "Quota total (spec.quota), divided among 2 namespaces whose ResourceQuotas add up to no more: cpu 8, memory 32Gi, storage 200Gi, pods 100, services 10, deployments 30, statefulsets 5, persistentVolumeClaims 20.",
                "Quota share of tools-ci (an even part of what the explicit shares leave): cpu 6, memory 24Gi, storage 100Gi, pods 50, services 5, deployments 15, statefulsets 3, persistentVolumeClaims 10.",
                "Quota share of tools-dashboards (explicit cpu, memory; an even part of the rest): cpu 2, memory 8Gi, storage 100Gi, pods 50, services 5, deployments 15, statefulsets 2, persistentVolumeClaims 10.",
            ])
        let single = try onboarding.inputs("batchco")
        let one = TenantPlanner.plan(single, steps: try TenantPlanner.render(single), live: LiveState(), offline: true)
        #expect(!one.notes.contains { $0.hasPrefix("Quota") })
    }
}
