import JSON

/// What a plan says about the tenant's quota, for a tenant with more than one namespace or rebalanced shares: the
/// total, each namespace's share and where it comes from, and for a rebalance the spec entry that keeps it.
public enum QuotaNotes {
    static func notes(_ spec: TenantSpec, _ quota: QuotaAllocation) -> [String] {
        guard quota.namespaces.count > 1 || quota.origin != .spec else { return [] }
        var notes = [
            "Quota total (spec.quota), divided among \(quota.namespaces.count) namespace\(quota.namespaces.count == 1 ? "" : "s") whose ResourceQuotas add up to no more: \(quota.total)."
        ]
        let even = spec.quotaShares.isEmpty ? "an even part" : "an even part of what the explicit shares leave"
        for namespace in quota.namespaces {
            let share = quota.shares[namespace]?.description ?? ""
            let given = QuotaResource.allCases.filter { spec.quotaShares[namespace]?[$0] != nil }.map(\.rawValue)
            let source: String
            switch quota.origin {
            case .rebalanced: source = "rebalanced"
            case .spec where given.isEmpty: source = even
            case .spec where given.count == QuotaResource.allCases.count: source = "explicit"
            case .spec: source = "explicit \(given.joined(separator: ", ")); an even part of the rest"
            }
            notes.append("Quota share of \(namespace) (\(source)): \(share).")
        }
        if case .rebalanced = quota.origin {
            notes.append(
                "The shares are rebalanced toward use, not the spec's: applies keep them while spec.quota and the spec's shares stay as they are, and a change there replaces them. To keep them for good, write them into the spec: \(specEntry(quota))"
            )
        }
        return notes
    }

    /// A note for each namespace whose use (`status.used` of its live ResourceQuota, by namespace in `live`) is above
    /// the share `quota` gives it: the server keeps what runs but admits nothing more there until use falls.
    public static func belowUse(_ quota: QuotaAllocation, live: [String: JSONValue]) -> [String] {
        quota.namespaces.compactMap { namespace in
            guard let status = live[namespace]?["status"]?["used"]?.objectValue, let share = quota.shares[namespace]
            else {
                return nil
            }
            let used = QuotaAmounts(hard: status, used: true)
            let over = QuotaResource.allCases.filter { (used[$0] ?? 0) > (share[$0] ?? 0) }
            guard !over.isEmpty else { return nil }
            let parts = over.map { "\($0.rawValue) \($0.text(used[$0] ?? 0)) used, share \($0.text(share[$0] ?? 0))" }
            return
                "\(namespace) uses more than its quota share (\(parts.joined(separator: "; "))): what runs keeps running, but the server admits nothing more of it there until its use falls; tenantctl plan --rebalance-quota moves unused share to it."
        }
    }

    /// `namespaces: [{name: a, quota: {cpu: "4", …}}, …]`, the spec entry that gives `quota`'s shares.
    static func specEntry(_ quota: QuotaAllocation) -> String {
        let entries = quota.namespaces.map { namespace in
            let share = quota.shares[namespace] ?? QuotaAmounts()
            let fields = QuotaResource.allCases.compactMap { resource in
                share[resource].map {
                    "\(resource.rawValue): \(resource.isQuantity ? "\"\(resource.text($0))\"" : resource.text($0))"
                }
            }
            return "{name: \(namespace), quota: {\(fields.joined(separator: ", "))}}"
        }
        return "namespaces: [\(entries.joined(separator: ", "))]"
    }
}
