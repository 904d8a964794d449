import JSON

/// A tenant's quota as its cluster holds it (`tenantctl quota`): the total (`spec.quota`), each namespace's share
/// (its ResourceQuota's `spec.hard`), its use (`status.used`) and where the share comes from, and what the shares
/// add up to. Pure: built from the spec and the live objects.
public struct QuotaStatus: Sendable, Hashable {
    /// One namespace's ResourceQuota; `share` nil when the namespace holds none, `used` nil until it is counted.
    public struct Namespace: Sendable, Hashable {
        public var name: String
        public var share: QuotaAmounts?
        public var used: QuotaAmounts?
        /// The `tenantctl.io/quota-shares` annotation: `spec`, or `rebalanced BASIS`.
        public var origin: String?
    }

    public var tenant: String
    public var cluster: String
    public var total: QuotaAmounts
    public var namespaces: [Namespace]

    /// `quotas`: each namespace's live ResourceQuota of the tenant (absent where there is none).
    public init(spec: TenantSpec, cluster: String, quotas: [String: JSONValue]) {
        tenant = spec.name
        self.cluster = cluster
        total = spec.quota.amounts
        namespaces = spec.namespaces.map { name in
            let quota = quotas[name]
            return Namespace(
                name: name, share: quota?["spec"]?["hard"]?.objectValue.map { QuotaAmounts(hard: $0) },
                used: quota?["status"]?["used"]?.objectValue.map { QuotaAmounts(hard: $0, used: true) },
                origin: quota?["metadata"]?["annotations"]?[QuotaAnnotations.shares]?.stringValue)
        }
    }

    /// What the namespaces' shares add up to.
    public var allocated: QuotaAmounts { sum(\.share) }

    /// What the namespaces use together.
    public var used: QuotaAmounts { sum(\.used) }

    /// The resources whose shares add up to more than the total.
    public var overAllocated: [QuotaResource] {
        let allocated = allocated
        return QuotaResource.allCases.filter { (allocated[$0] ?? 0) > (total[$0] ?? 0) }
    }

    private func sum(_ amounts: KeyPath<Namespace, QuotaAmounts?>) -> QuotaAmounts {
        var sum = QuotaAmounts()
        for namespace in namespaces {
            guard let values = namespace[keyPath: amounts] else { continue }
            for (resource, units) in values.values { sum[resource] = (sum[resource] ?? 0).addingClamped(units) }
        }
        return sum
    }
}
