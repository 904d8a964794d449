import Foundation

/// The tenant's dedicated pool: the spec's `nodePool` when it gives one, else sized from the quota with the
/// catalog's default flavor (a physical one for the secure runtime).
enum PoolRule {
    static func pool(_ spec: TenantSpec, secure: Bool, _ catalog: PriceCatalog, utilization: Decimal) -> (
        Layout.Pool, [Reason]
    ) {
        if let pool = spec.nodePool {
            let scaling = pool.autoscaling.map { ", autoscaling \($0.min)–\($0.max)" } ?? ""
            return (
                Layout.Pool(flavor: pool.flavor, nodes: pool.nodes, autoscaling: pool.autoscaling, origin: .spec),
                [
                    Reason(
                        .nodes, [.g11], [.spec("nodePool")],
                        "sized as spec.nodePool gives it: \(pool.nodes) × \(pool.flavor)\(scaling)")
                ]
            )
        }
        let defaults = catalog.defaults
        let key = secure ? "secureNodeFlavor" : "nodeFlavor"
        let flavorName = secure ? defaults.secureNodeFlavor : defaults.nodeFlavor
        guard let flavor = catalog.nodeFlavors[flavorName] else {
            return (Layout.Pool(flavor: flavorName, nodes: defaults.minNodes, origin: .sizedFromQuota), [])
        }
        let share = Sizing.share(of: spec.quota, nodes: 1, of: flavor)
        let nodes = Sizing.nodes(for: share, utilization: utilization, minimum: defaults.minNodes)
        let text = """
            spec has no nodePool, so tenantctl sizes one from spec.quota: \(share.resource) \(share.quota) on \
            \(share.capacity)-\(share.resource) \(flavorName) nodes at \(DecimalFormat.percent(utilization)) utilisation, \
            at least \(defaults.minNodes) nodes: \(nodes) × \(flavorName)
            """
        return (
            Layout.Pool(flavor: flavorName, nodes: nodes, origin: .sizedFromQuota),
            [
                Reason(
                    .nodes, [.g11, .g4],
                    [
                        .spec("quota"), .catalog(FieldPath("spec", "defaults", key)),
                        .catalog(FieldPath("spec", "defaults", "minNodes")),
                    ], text)
            ]
        )
    }
}
