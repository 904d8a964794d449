import Foundation

/// How much of some node capacity a tenant's quota takes, and how many nodes hold it.
enum Sizing {
    /// A quota's share of a capacity: the larger of its CPU and memory fractions (the dominant resource),
    /// since whichever runs out first decides how much of the nodes the tenant blocks.
    struct Share: Sendable, Hashable {
        var fraction: Decimal
        /// `cpu` or `memory`: the resource that gave the fraction.
        var resource: String
        var quota: String
        var capacity: String
    }

    static func share(of quota: TenantSpec.Quota, nodes: Int64, of flavor: PriceCatalog.NodeFlavor) -> Share {
        let count = Decimal(nodes)
        let cpu = quota.cpu.value / (count * flavor.cpu.value)
        let memory = quota.memory.value / (count * flavor.memory.value)
        return memory > cpu
            ? Share(
                fraction: memory, resource: "memory", quota: quota.memory.text,
                capacity: DecimalFormat.gibibytes(count * flavor.memory.value))
            : Share(
                fraction: cpu, resource: "cpu", quota: quota.cpu.text,
                capacity: DecimalFormat.trimmed(count * flavor.cpu.value))
    }

    /// Nodes of `flavor` that hold the quota with the nodes filled to `utilization`, and at least `minimum`.
    static func nodes(
        for quota: TenantSpec.Quota, of flavor: PriceCatalog.NodeFlavor, utilization: Decimal, minimum: Int64
    ) -> Int64 {
        nodes(for: share(of: quota, nodes: 1, of: flavor), utilization: utilization, minimum: minimum)
    }

    /// Nodes that hold a quota taking `perNode` of one node, filled to `utilization`, and at least `minimum`.
    static func nodes(for perNode: Share, utilization: Decimal, minimum: Int64) -> Int64 {
        let needed = DecimalFormat.rounded(perNode.fraction / utilization, places: 0, .up)
        return max(minimum, NSDecimalNumber(decimal: needed).int64Value)
    }
}
