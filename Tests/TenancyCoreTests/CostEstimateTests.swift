import Foundation
import Testing

@testable import TenancyCore

/// Cost figures against values worked out by hand from DecisionFixtures' catalog:
/// management cce.s2.medium 1.00/h, cce.s2.small 0.50/h; c7.2xlarge.2 (8 cores, 16Gi) 0.40/h,
/// c7.4xlarge.2 (16, 32Gi) 0.80/h, c6.22xlarge.2.physical 4.00/h; Kata overhead 0.1 core + 100Mi per pod at
/// 0.04 per core-hour and 0.01 per GiB-hour; utilisation 0.8; a month is 730 h.
@Suite struct CostEstimateTests {
    typealias F = DecisionFixtures

    static func amount(_ text: String) -> Decimal { Decimal(string: text) ?? -1 }

    /// Exact amounts per item and in total, and the rounded monthly figure people read.
    struct Expected: Sendable {
        var items: [(CostItem.Kind, String)]
        var hourly: String
        var monthly: String
    }

    func check(_ option: OptionCost, _ expected: Expected, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(option.items.map(\.kind) == expected.items.map(\.0), sourceLocation: sourceLocation)
        for (item, (_, hourly)) in zip(option.items, expected.items) {
            #expect(item.hourly == Self.amount(hourly), "\(item.label)", sourceLocation: sourceLocation)
        }
        #expect(option.hourly == Self.amount(expected.hourly), sourceLocation: sourceLocation)
        #expect(DecimalFormat.fixed(option.monthly, places: 2) == expected.monthly, sourceLocation: sourceLocation)
        #expect(option.isComplete, "\(option.problems.map(\.text))", sourceLocation: sourceLocation)
    }

    @Test func sharedNodesAreChargedByTheDominantQuotaShare() {
        // Quota 8 cores / 32Gi on 10 × c7.2xlarge.2 = 80 cores / 160Gi: cpu 8/80 = 0.1, memory 32/160 = 0.2 → 0.2.
        // ÷ 0.8 utilisation = 0.25 of the cluster.
        // shared nodes: 10 × 0.40 × 0.25 = 1.00/h; management share: 1.00 × 0.25 = 0.25/h; total 1.25/h × 730 = 912.50.
        let cost = F.decide(F.spec()).cost
        check(
            cost.logical,
            Expected(
                items: [(.clusterManagementShare, "0.25"), (.sharedNodesShare, "1")], hourly: "1.25", monthly: "912.50")
        )
        #expect(cost.logical.items[1].basis == "quota memory 32Gi of 160Gi = 20%, ÷ 80% utilisation")
        // Physical: per c7.2xlarge.2 node the quota is max(8/8, 32/16) = 2 nodes, ÷ 0.8 = 2.5 → 3 nodes (≥ 2).
        // cce.s2.small 0.50 + 3 × 0.40 = 1.20 → 1.70/h × 730 = 1241.00; difference 1241.00 − 912.50 = 328.50.
        check(
            cost.physical,
            Expected(items: [(.clusterManagement, "0.5"), (.dedicatedNodes, "1.2")], hourly: "1.7", monthly: "1241.00"))
        #expect(cost.monthlyDifference == Self.amount("328.5"))
    }

    @Test func aDedicatedPoolPaysItsNodesAndItsPartOfTheManagementFee() {
        // 3 × c7.2xlarge.2 = 1.20/h; management split by nodes: 3 of 10 + 3 = 13 → 1.00 × 3/13 = 0.230769…/h.
        // Month: 876.00 + 168.461538… = 1044.461538… → 1044.46.
        let cost = F.decide(F.spec { $0.nodePool = .init(flavor: "c7.2xlarge.2", nodes: 3) }).cost
        let share = Decimal(3) / Decimal(13)
        #expect(cost.logical.items.map(\.kind) == [.clusterManagementShare, .dedicatedNodes])
        #expect(cost.logical.items[0].hourly == share)
        #expect(cost.logical.items[0].basis == "its 3 of the cluster's 13 nodes")
        #expect(cost.logical.items[1].hourly == Self.amount("1.2"))
        #expect(DecimalFormat.fixed(cost.logical.monthly, places: 2) == "1044.46")
        #expect(DecimalFormat.fixed(cost.logical.hourly, places: 4) == "1.4308")
    }

    @Test func theSecureRuntimeAddsItsOverheadPerPod() {
        // Untrusted on Turbo, pool 1 × c6.22xlarge.2.physical = 4.00/h; management 1 of 5 + 1 = 6 nodes → 1/6 = 0.1666…/h.
        // Overhead per pod: 0.1 × 0.04 + 100/1024 GiB × 0.01 = 0.004 + 0.0009765625 = 0.0049765625; × 100 pods = 0.49765625/h.
        // Month: 121.666… + 2920.00 + 363.2890625 = 3404.955729… → 3404.96.
        let spec = F.spec {
            $0.trust = .untrusted
            $0.nodePool = .init(flavor: "c6.22xlarge.2.physical", nodes: 1)
        }
        let cost = F.decide(spec, on: F.turbo).cost
        #expect(cost.logical.items.map(\.kind) == [.clusterManagementShare, .dedicatedNodes, .secureRuntimeOverhead])
        #expect(cost.logical.items[0].hourly == Decimal(1) / Decimal(6))
        #expect(cost.logical.items[2].hourly == Self.amount("0.49765625"))
        #expect(DecimalFormat.fixed(cost.logical.items[2].monthly, places: 2) == "363.29")
        #expect(DecimalFormat.fixed(cost.logical.monthly, places: 2) == "3404.96")
        // Physical for an untrusted tenant: standard runtime (alone on its cluster), so no overhead:
        // 0.50 + 4.00 = 4.50/h × 730 = 3285.00.
        check(
            cost.physical,
            Expected(items: [(.clusterManagement, "0.5"), (.dedicatedNodes, "4")], hourly: "4.5", monthly: "3285.00"))
    }

    @Test func theUtilisationAssumptionCanBeOverridden() {
        // At 0.5: 0.2 ÷ 0.5 = 0.4 → shared 10 × 0.40 × 0.4 = 1.60, management 0.40 → 2.00/h × 730 = 1460.00.
        // Physical: 2 ÷ 0.5 = 4 nodes → 0.50 + 1.60 = 2.10/h × 730 = 1533.00.
        let cost = F.decide(F.spec(), DecideOptions(utilization: Self.amount("0.5"))).cost
        #expect(cost.utilization == Self.amount("0.5"))
        check(
            cost.logical,
            Expected(
                items: [(.clusterManagementShare, "0.4"), (.sharedNodesShare, "1.6")], hourly: "2", monthly: "1460.00"))
        check(
            cost.physical,
            Expected(items: [(.clusterManagement, "0.5"), (.dedicatedNodes, "1.6")], hourly: "2.1", monthly: "1533.00"))
    }

    @Test func roundingHappensOnlyWhenShown() {
        // At 0.7: 0.2 ÷ 0.7 = 2/7 → shared 4.00 × 2/7 = 8/7 = 1.142857…/h, month 834.2857… → 834.29;
        // management 2/7 = 0.285714…/h, month 208.5714… → 208.57; total 10/7 × 730 = 1042.857… → 1042.86.
        let cost = F.decide(F.spec(), DecideOptions(utilization: Self.amount("0.7"))).cost
        #expect(DecimalFormat.fixed(cost.logical.items[1].monthly, places: 2) == "834.29")
        #expect(DecimalFormat.fixed(cost.logical.items[0].monthly, places: 2) == "208.57")
        #expect(DecimalFormat.fixed(cost.logical.monthly, places: 2) == "1042.86")
        #expect(DecimalFormat.fixed(cost.logical.hourly, places: 4) == "1.4286")
    }

    @Test func moneyIsExactDecimal() {
        // 0.18/h × 730 = 131.40 exactly; 0.1 + 0.2 = 0.3 exactly (with Double it is 0.30000000000000004).
        let item = CostItem(kind: .clusterManagement, label: "x", hourly: Self.amount("0.18"), confirmed: false)
        #expect(item.monthly == Self.amount("131.4"))
        let option = OptionCost(
            isolation: .logical,
            items: [
                CostItem(kind: .clusterManagement, label: "a", hourly: Self.amount("0.1"), confirmed: true),
                CostItem(kind: .dedicatedNodes, label: "b", hourly: Self.amount("0.2"), confirmed: true),
            ])
        #expect(option.hourly == Self.amount("0.3"))
        #expect(option.monthly == Self.amount("219"))
    }

    @Test(arguments: [
        // (cpu, memory, utilisation, expected nodes of c7.2xlarge.2 = 8 cores / 16Gi, at least 2)
        ("8", "32Gi", "0.8", 3),  // memory: 32/16 = 2 ÷ 0.8 = 2.5 → 3
        ("24", "16Gi", "0.8", 4),  // cpu: 24/8 = 3 ÷ 0.8 = 3.75 → 4
        ("2", "4Gi", "0.8", 2),  // 0.3125 → 1, raised to the minimum 2
        ("16", "32Gi", "1", 2),  // exactly 2
        ("17", "8Gi", "1", 3),  // 2.125 → 3
    ])
    func poolsAreSizedFromTheQuota(cpu: String, memory: String, utilization: String, nodes: Int64) throws {
        let quota = F.spec {
            $0.quota.cpu = F.quantity(cpu)
            $0.quota.memory = F.quantity(memory)
        }.quota
        let flavor = try #require(F.catalog.nodeFlavors["c7.2xlarge.2"])
        #expect(Sizing.nodes(for: quota, of: flavor, utilization: Self.amount(utilization), minimum: 2) == nodes)
    }

    @Test func unpricedFlavorsAreErrorsThatPointAtTheField() {
        let decision = F.decide(F.spec { $0.nodePool = .init(flavor: "c7.2xlarge.3", nodes: 2) })
        #expect(!decision.cost.logical.isComplete)
        #expect(
            decision.has(
                .error, "node flavor \"c7.2xlarge.3\" has no price in the catalog (did you mean \"c7.2xlarge.2\"?)"))
        #expect(decision.reasons(.error).first?.fields == [.spec(FieldPath("spec", "nodePool", "flavor"))])
        #expect(decision.budget.kind == .none)
        #expect(!decision.placeable)
    }

    @Test func aClusterWithoutSharedNodesCannotBeShared() {
        var cluster = F.tunnel
        cluster.sharedNodes = nil
        let decision = F.decide(F.spec(), on: cluster)
        #expect(decision.has(.error, "shared has no sharedNodes in the inventory"))
    }

    @Test func theOtherOptionsGapsAreWarnings() {
        // The chosen physical option is complete; the logical one on a cluster with an unknown flavor is not.
        var cluster = F.tunnel
        cluster.flavor = "cce.s9.huge"
        let decision = F.decide(F.spec { $0.compliance = ["dedicated-control-plane"] }, on: cluster)
        #expect(decision.placeable)
        #expect(
            decision.has(.warning, "the logical estimate is incomplete: cluster flavor \"cce.s9.huge\" has no price"))
    }

    @Test func pricesFromAnotherRegionAreFlagged() {
        var cluster = F.tunnel
        cluster.cce = .init(region: "eu-west-0", projectID: "p", clusterID: "c")
        let decision = F.decide(F.spec(), on: cluster)
        #expect(decision.has(.warning, "the catalog's prices are for ap-southeast-1, but shared is in eu-west-0"))
    }

    @Test func aQuotaBeyondTheSharedNodesIsFlagged() {
        // 160Gi of 160Gi = 1.0 ÷ 0.8 = 125% of the shared nodes.
        let decision = F.decide(F.spec { $0.quota.memory = F.quantity("160Gi") })
        #expect(decision.has(.warning, "the quota needs 125% of shared's shared nodes"))
    }

    @Test func unconfirmedPricesAreMarked() {
        let cost = F.decide(F.spec { $0.trust = .untrusted }, on: F.turbo).cost
        #expect(cost.logical.items.first { $0.kind == .clusterManagementShare }?.confirmed == true)
        #expect(cost.logical.items.first { $0.kind == .dedicatedNodes }?.confirmed == false)
        #expect(cost.logical.items.first { $0.kind == .secureRuntimeOverhead }?.confirmed == false)
    }
}
