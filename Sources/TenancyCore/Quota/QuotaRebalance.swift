/// Moves unused share between a tenant's namespaces toward where it is used. For each resource on its own, every
/// namespace keeps what it uses (`status.used`, rounded up to whole units) — and at least one container's or one
/// claim's maximum where the total allows that for all of them — and what no namespace needs is split evenly over
/// all of them, the remainder to the first. So no share falls below its namespace's use, and the shares add up to
/// the total, never more. Pure; the result depends on the total and the use alone, never on the shares before.
enum QuotaRebalance {
    static func rebalance(_ planned: QuotaAllocation, used: [String: QuotaAmounts], floors: [QuotaFloor])
        throws(PlanningError) -> QuotaAllocation
    {
        let namespaces = planned.namespaces
        var shares = Dictionary(namespaces.map { ($0, QuotaAmounts()) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for resource in QuotaResource.allCases {
            let total = planned.total[resource] ?? 0
            let use = namespaces.map { used[$0]?[resource] ?? 0 }
            let inUse = use.reduce(Int64(0)) { $0.addingClamped($1) }
            guard inUse <= total else {
                let parts = zip(namespaces, use).map { "\($0) \(resource.text($1))" }.joined(separator: ", ")
                problems.append(
                    "its namespaces use \(resource.text(inUse)) of \(resource.rawValue) together (\(parts)), more than the total \(resource.text(total)) (spec.quota.\(resource.rawValue)): no share can stay at its use; raise the total or lower the use"
                )
                continue
            }
            let floor = floors.first { $0.resource == resource }?.units ?? 0
            let floored = use.map { max($0, floor) }
            let needs = floored.reduce(Int64(0)) { $0.addingClamped($1) } <= total ? floored : use
            let free = total - needs.reduce(0, +)
            for (index, part) in QuotaAllocation.split(free, into: namespaces.count).enumerated() {
                shares[namespaces[index]]?[resource] = needs[index] + part
            }
        }
        guard problems.isEmpty else {
            throw PlanningError(messages: problems.map { "the quota cannot be rebalanced: \($0)" })
        }
        return QuotaAllocation(
            total: planned.total, namespaces: namespaces, shares: shares, origin: .rebalanced(basis: planned.basis))
    }
}
