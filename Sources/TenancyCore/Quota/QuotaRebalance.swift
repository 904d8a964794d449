/// Moves unused share between a tenant's namespaces toward where it is used. For each resource on its own, every
/// namespace keeps what it uses (`status.used`, rounded up to whole units) — and at least one container's or one
/// claim's maximum where the total allows that for all of them; of what is left, half (the odd unit included) is
/// split evenly over the namespaces, so none is left without room, and half in proportion to their use, so the busy
/// ones get more (all of it evenly when none uses any). Remainders go one unit each to the first namespaces. So no
/// share falls below its namespace's use and the shares add up to the total, never more. Pure; the result depends
/// on the total and the use alone, never on the shares before, so rebalancing again without new use changes nothing.
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
            for (index, part) in Self.headroom(free, use: use).enumerated() {
                shares[namespaces[index]]?[resource] = needs[index] + part
            }
        }
        guard problems.isEmpty else {
            throw PlanningError(messages: problems.map { "the quota cannot be rebalanced: \($0)" })
        }
        return QuotaAllocation(
            total: planned.total, namespaces: namespaces, shares: shares, origin: .rebalanced(basis: planned.basis))
    }

    /// `free` in parts for namespaces that use `use`: half (rounded up) evenly, half in proportion to use, or all
    /// evenly when nothing is used; each half's remainder one unit each to the first.
    static func headroom(_ free: Int64, use: [Int64]) -> [Int64] {
        let inUse = use.reduce(Int64(0)) { $0.addingClamped($1) }
        guard inUse > 0 else { return QuotaAllocation.split(free, into: use.count) }
        let proportional = free / 2
        let even = QuotaAllocation.split(free - proportional, into: use.count)
        var parts = use.map { amount in
            // free/2 × amount / inUse, without overflow: the quotient never exceeds free/2.
            inUse.dividingFullWidth(proportional.multipliedFullWidth(by: amount)).quotient
        }
        let left = proportional - parts.reduce(0, +)
        for index in parts.indices where Int64(index) < left { parts[index] += 1 }
        return zip(even, parts).map { $0 + $1 }
    }
}
