import Foundation

/// Decides where a tenant goes: pure, from the spec, its target cluster's profile and the price catalog.
///
/// Order: gather the needs (trust, compliance, spec); arrange logical isolation on the target and note what
/// it cannot meet; arrange a cluster of the tenant's own; pick the isolation (required, or the spec's
/// explicit one); check the target's Kubernetes version (G1); price both options; judge the budget.
public enum Decider {
    public static func decide(
        _ spec: TenantSpec, on cluster: ClusterProfile, catalog: PriceCatalog, options: DecideOptions = DecideOptions()
    ) -> Decision {
        let utilization = options.utilization ?? catalog.defaults.utilization
        let needs = Needs.gather(spec, catalog)
        let logical = LogicalOption.make(spec, cluster, catalog, needs, utilization: utilization)
        let physical = PhysicalOption.make(spec, cluster, catalog, needs, utilization: utilization)
        let choice = IsolationChoice.make(
            spec, target: cluster.name, demands: needs.ownControlPlane + logical.blockers, options)

        var reasons = needs.problems + choice.reasons
        reasons += versionReasons(choice.isolation, cluster, catalog)
        reasons += choice.isolation == .logical ? logical.reasons : physical.reasons
        let chosen = choice.isolation == .logical ? logical.layout : physical.layout
        reasons += CCENameRule.reasons(spec, chosen, cluster) + ContainerCIDRRule.reasons(spec, chosen, cluster)
        let cost = CostEstimator.estimate(
            spec, cluster, catalog, logical: logical.layout, physical: physical.layout, utilization: utilization)
        reasons += cost.option(choice.isolation).problems
        let other: Decision.Isolation = choice.isolation == .logical ? .physical : .logical
        reasons += cost.option(other).problems.map { problem in
            problem.kind == .error
                ? problem.with(.warning, prefix: "the \(other.rawValue) estimate is incomplete: ") : problem
        }
        let budget = BudgetVerdict.judge(spec.budget, cost: cost, required: choice.required, chosen: choice.isolation)
        reasons.append(budget.reason)
        return Decision(
            tenant: spec.name, target: cluster.name, required: choice.required, isolation: choice.isolation,
            logical: logical.layout, physical: physical.layout, reasons: reasons, cost: cost, budget: budget)
    }

    /// G1: a cluster below the supported window takes no new tenants; a tenant's own cluster starts at the latest.
    static func versionReasons(_ isolation: Decision.Isolation, _ cluster: ClusterProfile, _ catalog: PriceCatalog)
        -> [Reason]
    {
        let window = catalog.kubernetes
        guard isolation == .logical else {
            return [
                Reason(
                    .version, [.g1], [.catalog(FieldPath("spec", "kubernetes", "latest"))],
                    "its own cluster starts at the latest offered version, \(window.latest)")
            ]
        }
        let fields: [FieldRef] = [
            .cluster(cluster.name, "version"), .catalog(FieldPath("spec", "kubernetes", "minimumSupported")),
        ]
        if !window.supports(cluster.version) {
            return [
                Reason(
                    .error, .version, [.g1], fields,
                    "\(cluster.name) runs \(cluster.version), older than the oldest supported version \(window.minimumSupported): a cluster on an unsupported version takes no new tenants; upgrade it (one minor version at a time) or target another cluster"
                )
            ]
        }
        if cluster.version > window.latest {
            return [
                Reason(
                    .warning, .version, [.g1],
                    [.cluster(cluster.name, "version"), .catalog(FieldPath("spec", "kubernetes", "latest"))],
                    "\(cluster.name) runs \(cluster.version), newer than the catalog's latest (\(window.latest)); update the catalog's version window"
                )
            ]
        }
        return [
            Reason(
                .version, [.g1], fields,
                "\(cluster.name) runs \(cluster.version), within the supported versions \(window.minimumSupported)–\(window.latest)"
            )
        ]
    }
}
