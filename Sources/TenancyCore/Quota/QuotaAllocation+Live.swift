import JSON

extension QuotaAllocation {
    /// The shares a live plan writes, given each namespace's ResourceQuota as the cluster holds it (absent where it
    /// has none): rebalanced toward use when `rebalance` is asked; else the live shares of an earlier rebalance while
    /// the spec's shares are still those it was made from and they fit the total; else the spec's. So an apply
    /// never reverts a rebalance until the spec's division changes, and then the spec's new division wins.
    public static func live(_ spec: TenantSpec, quotas: [String: JSONValue], rebalance: Bool) throws(PlanningError)
        -> QuotaAllocation
    {
        let planned = QuotaAllocation(spec)
        guard rebalance else { return kept(planned, quotas) ?? planned }
        var used: [String: QuotaAmounts] = [:]
        var missing: [String] = []
        for namespace in spec.namespaces {
            guard let status = quotas[namespace]?["status"]?["used"]?.objectValue else {
                missing.append(namespace)
                continue
            }
            used[namespace] = QuotaAmounts(hard: status, used: true)
        }
        guard missing.isEmpty else {
            throw PlanningError(messages: [
                "the quota of \(spec.name) cannot be rebalanced before the ResourceQuota of \(missing.joined(separator: ", ")) exists and the cluster has counted its use (status.used): apply the tenant first, or try again in a moment"
            ])
        }
        return try QuotaRebalance.rebalance(planned, used: used, floors: QuotaFloor.floors(spec))
    }

    /// The live shares of a rebalance made from `planned`'s basis, when every namespace holds one and they fit.
    static func kept(_ planned: QuotaAllocation, _ quotas: [String: JSONValue]) -> QuotaAllocation? {
        let origin = Origin.rebalanced(basis: planned.basis)
        var shares: [String: QuotaAmounts] = [:]
        for namespace in planned.namespaces {
            guard let quota = quotas[namespace],
                quota["metadata"]?["annotations"]?[QuotaAnnotations.shares]?.stringValue
                    == QuotaAnnotations.origin(origin),
                let hard = quota["spec"]?["hard"]?.objectValue
            else { return nil }
            let share = QuotaAmounts(hard: hard)
            guard QuotaResource.allCases.allSatisfy({ share[$0] != nil }) else { return nil }
            shares[namespace] = share
        }
        let kept = QuotaAllocation(total: planned.total, namespaces: planned.namespaces, shares: shares, origin: origin)
        return kept.fits ? kept : nil
    }

    /// Whether the shares add up to no more than the total, for every resource.
    public var fits: Bool {
        let sum = allocated
        return QuotaResource.allCases.allSatisfy { (sum[$0] ?? 0) <= (total[$0] ?? 0) }
    }
}
