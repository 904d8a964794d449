import Foundation

/// Prices both options' layouts from the catalog, hour by hour; a month is 730 hours.
///
/// Logical: the tenant's share of the cluster management fee, plus either its share of the shared nodes
/// (the larger of its CPU and memory quota fractions, divided by the utilisation assumption, since idle
/// headroom is paid for too) or its dedicated pool; the management share is the same fraction on shared
/// nodes, or the pool's part of all the cluster's nodes. Physical: a whole management fee and the pool.
/// Both add the secure runtime's per-pod overhead at the quota's pod count when they use that runtime.
enum CostEstimator {
    static func estimate(
        _ spec: TenantSpec, _ cluster: ClusterProfile, _ catalog: PriceCatalog, logical: Layout, physical: Layout,
        utilization: Decimal
    ) -> CostComparison {
        CostComparison(
            currency: catalog.currency, utilization: utilization,
            logical: logicalCost(spec, cluster, catalog, logical, utilization: utilization),
            physical: physicalCost(spec, catalog, physical))
    }

    static func logicalCost(
        _ spec: TenantSpec, _ cluster: ClusterProfile, _ catalog: PriceCatalog, _ layout: Layout, utilization: Decimal
    ) -> OptionCost {
        var pricer = Pricer(catalog: catalog)
        var items: [CostItem] = []
        var managementShare: (fraction: Decimal, basis: String)?
        let management = pricer.management(cluster.flavor, .cluster(cluster.name, "flavor"), owner: cluster.name)
        if let shared = pricer.sharedNodes(cluster) {
            switch (layout.nodes, layout.pool) {
            case (.dedicated, let pool?):
                if let item = pricer.pool(pool) { items.append(item) }
                let all = shared.count + pool.nodes
                managementShare = (
                    Decimal(pool.nodes) / Decimal(all), "its \(pool.nodes) of the cluster's \(all) nodes"
                )
            default:
                if let flavor = pricer.node(shared.flavor, .cluster(cluster.name, "sharedNodes.flavor")) {
                    let share = Sizing.share(of: spec.quota, nodes: shared.count, of: flavor)
                    let fraction = share.fraction / utilization
                    items.append(
                        CostItem(
                            kind: .sharedNodesShare,
                            label:
                                "\(DecimalFormat.percent(fraction)) of \(shared.count) × \(shared.flavor) at \(price(flavor.hourly))/h",
                            basis:
                                "quota \(share.resource) \(share.quota) of \(share.capacity) = \(DecimalFormat.percent(share.fraction)), ÷ \(DecimalFormat.percent(utilization)) utilisation",
                            hourly: Decimal(shared.count) * flavor.hourly * fraction, confirmed: flavor.confirmed))
                    managementShare = (fraction, "the same share as of the shared nodes")
                    if fraction > 1 {
                        pricer.problems.append(
                            Reason(
                                .warning, .cost, [.g4], [.spec("quota"), .cluster(cluster.name, "sharedNodes")],
                                "the quota needs \(DecimalFormat.percent(fraction)) of \(cluster.name)'s shared nodes at \(DecimalFormat.percent(utilization)) utilisation: the cluster needs more nodes"
                            ))
                    }
                }
            }
        }
        if let management, let share = managementShare, let name = cluster.flavor {
            items.insert(
                CostItem(
                    kind: .clusterManagementShare,
                    label:
                        "\(DecimalFormat.percent(share.fraction)) of \(name) management at \(price(management.hourly))/h",
                    basis: share.basis,
                    hourly: management.hourly * share.fraction, confirmed: management.confirmed), at: 0)
        }
        if layout.runtime == .secure { items.append(overhead(spec, catalog)) }
        pricer.checkRegion(cluster.cce?.region, of: cluster.name)
        return OptionCost(isolation: .logical, items: items, problems: pricer.problems)
    }

    static func physicalCost(_ spec: TenantSpec, _ catalog: PriceCatalog, _ layout: Layout) -> OptionCost {
        var pricer = Pricer(catalog: catalog)
        var items: [CostItem] = []
        let name = catalog.defaults.clusterFlavor
        if let management = pricer.management(
            name, .catalog(FieldPath("spec", "defaults", "clusterFlavor")), owner: "a tenant's own cluster")
        {
            items.append(
                CostItem(
                    kind: .clusterManagement,
                    label:
                        "\(name) management (\(management.masters) masters, up to \(management.maxNodes) nodes) at \(price(management.hourly))/h",
                    hourly: management.hourly, confirmed: management.confirmed))
        }
        if let pool = layout.pool, let item = pricer.pool(pool) { items.append(item) }
        if layout.runtime == .secure { items.append(overhead(spec, catalog)) }
        if case .own(let new) = layout.site { pricer.checkRegion(new.region, of: "the tenant's own cluster") }
        return OptionCost(isolation: .physical, items: items, problems: pricer.problems)
    }

    /// The secure runtime's micro-VM overhead, priced per core and GiB, for every pod the quota allows
    /// running all month: an upper bound.
    static func overhead(_ spec: TenantSpec, _ catalog: PriceCatalog) -> CostItem {
        let runtime = catalog.secureRuntime
        let cpu = runtime.podOverhead.cpu?.value ?? 0
        let gib = (runtime.podOverhead.memory?.value ?? 0) / DecimalFormat.gibibyte
        let perPod = cpu * runtime.perCoreHour + gib * runtime.perGiBHour
        return CostItem(
            kind: .secureRuntimeOverhead,
            label:
                "micro-VM overhead of \(spec.quota.pods) pods (spec.quota.pods) × \(DecimalFormat.trimmed(cpu, places: 3)) CPU + \(runtime.podOverhead.memory?.text ?? "0")",
            basis:
                "\(spec.quota.pods) × (\(DecimalFormat.trimmed(cpu, places: 3)) core × \(price(runtime.perCoreHour)) + \(DecimalFormat.trimmed(gib, places: 8)) GiB × \(price(runtime.perGiBHour)))/h, as if every pod of the quota ran all month",
            hourly: Decimal(spec.quota.pods) * perPod, confirmed: runtime.confirmed)
    }

    /// A price as the catalog writes it: `0.32`, `0.025`.
    static func price(_ amount: Decimal) -> String { DecimalFormat.trimmed(amount, places: 6) }
}

/// Catalog look-ups that note what they could not find.
private struct Pricer {
    let catalog: PriceCatalog
    var problems: [Reason] = []

    mutating func node(_ name: String, _ field: FieldRef) -> PriceCatalog.NodeFlavor? {
        if let flavor = catalog.nodeFlavors[name] { return flavor }
        let known = catalog.nodeFlavors.keys.sorted()
        problems.append(
            Reason(
                .error, .cost, [], [field],
                "node flavor \"\(name)\" has no price in the catalog\(Suggestion.hint(for: name, in: known)); add it under spec.nodeFlavors"
            ))
        return nil
    }

    mutating func management(_ name: String?, _ field: FieldRef, owner: String) -> PriceCatalog.ClusterFlavor? {
        guard let name else {
            problems.append(
                Reason(
                    .error, .cost, [], [field],
                    "\(owner) has no management flavor in the inventory; its fee cannot be priced"))
            return nil
        }
        if let flavor = catalog.clusterFlavors[name] { return flavor }
        let known = catalog.clusterFlavors.keys.sorted()
        problems.append(
            Reason(
                .error, .cost, [], [field],
                "cluster flavor \"\(name)\" has no price in the catalog\(Suggestion.hint(for: name, in: known)); add it under spec.clusterFlavors"
            ))
        return nil
    }

    mutating func sharedNodes(_ cluster: ClusterProfile) -> ClusterProfile.SharedNodes? {
        if let shared = cluster.sharedNodes { return shared }
        problems.append(
            Reason(
                .error, .cost, [], [.cluster(cluster.name, "sharedNodes")],
                "\(cluster.name) has no sharedNodes in the inventory: the tenant's share of the cluster cannot be priced"
            ))
        return nil
    }

    mutating func pool(_ pool: Layout.Pool) -> CostItem? {
        let field: FieldRef =
            pool.origin == .spec ? .spec("nodePool", "flavor") : .catalog(FieldPath("spec", "defaults"))
        guard let flavor = node(pool.flavor, field) else { return nil }
        return CostItem(
            kind: .dedicatedNodes,
            label:
                "\(pool.nodes) × \(pool.flavor) (\(flavor.kind.rawValue)) at \(CostEstimator.price(flavor.hourly))/h",
            hourly: Decimal(pool.nodes) * flavor.hourly, confirmed: flavor.confirmed)
    }

    mutating func checkRegion(_ region: String?, of owner: String) {
        guard let region, region != catalog.region else { return }
        problems.append(
            Reason(
                .warning, .cost, [], [.catalog(FieldPath("spec", "region"))],
                "the catalog's prices are for \(catalog.region), but \(owner) is in \(region)"))
    }
}
