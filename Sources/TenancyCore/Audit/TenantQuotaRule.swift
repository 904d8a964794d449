import JSON

/// A tenant whose namespaces' ResourceQuotas add up to more than its total (G4): after a manual edit, or shares
/// left over from an older division. The total is the one tenantctl wrote on the tenant's quotas
/// (`tenantctl.io/quota-total`); a namespace's share of a resource is the smallest any of its quotas sets (the
/// server enforces every quota), and a namespace whose quotas set none is unbounded. Pure.
public enum TenantQuotaRule {
    public static func check(namespaces: [JSONValue], quotas: [JSONValue]) -> [Finding] {
        var tenantOf: [String: String] = [:]
        for object in namespaces where object.value(at: ["metadata", "deletionTimestamp"]) == nil {
            guard let name = object.value(at: ["metadata", "name"])?.stringValue,
                let tenant = object.value(at: ["metadata", "labels", Labels.tenant])?.stringValue
            else { continue }
            tenantOf[name] = tenant
        }
        var totals: [String: QuotaAmounts] = [:]
        var quotasByNamespace: [String: [JSONValue]] = [:]
        for quota in quotas {
            guard let namespace = quota.value(at: ["metadata", "namespace"])?.stringValue,
                let tenant = tenantOf[namespace]
            else { continue }
            quotasByNamespace[namespace, default: []].append(quota)
            guard quota.value(at: ["metadata", "labels", Labels.tenant])?.stringValue == tenant,
                let text = quota.value(at: ["metadata", "annotations", QuotaAnnotations.total])?.stringValue,
                let total = QuotaAnnotations.total(text)
            else { continue }
            totals[tenant] = totals[tenant].map { smaller($0, total) } ?? total
        }
        return totals.keys.sorted().compactMap { tenant in
            guard let total = totals[tenant] else { return nil }
            let members = tenantOf.filter { $0.value == tenant }.keys.sorted()
            return finding(tenant, total: total, members.map { ($0, share(of: quotasByNamespace[$0] ?? [])) })
        }
    }

    /// What a namespace's quotas let it use of each resource: the smallest amount any of them sets.
    private static func share(of quotas: [JSONValue]) -> QuotaAmounts {
        let hards = quotas.compactMap { $0.value(at: ["spec", "hard"])?.objectValue }.map { QuotaAmounts(hard: $0) }
        guard let first = hards.first else { return QuotaAmounts() }
        return hards.dropFirst().reduce(first, smaller)
    }

    private static func smaller(_ a: QuotaAmounts, _ b: QuotaAmounts) -> QuotaAmounts {
        var least = a
        for (resource, units) in b.values { least[resource] = min(a[resource] ?? units, units) }
        return least
    }

    private static func finding(_ tenant: String, total: QuotaAmounts, _ shares: [(String, QuotaAmounts)]) -> Finding? {
        var problems: [String] = []
        for resource in QuotaResource.allCases {
            guard let limit = total[resource] else { continue }
            let unbounded = shares.filter { $0.1[resource] == nil }.map(\.0)
            if !unbounded.isEmpty {
                problems.append(
                    "\(resource.rawValue) unbounded in \(unbounded.joined(separator: ", ")) (no quota sets it)")
                continue
            }
            let sum = shares.reduce(Int64(0)) { $0.addingClamped($1.1[resource] ?? 0) }
            guard sum > limit else { continue }
            let parts = shares.map { "\($0.0) \(resource.text($0.1[resource] ?? 0))" }.joined(separator: ", ")
            problems.append("\(resource.rawValue) \(resource.text(sum)) > \(resource.text(limit)) (\(parts))")
        }
        guard !problems.isEmpty else { return nil }
        return Finding(
            check: "quota-over-allocated", guidance: .g4, severity: .fail, object: "Tenant \(tenant)",
            message:
                "its namespaces' ResourceQuotas add up to more than its total (\(QuotaAnnotations.total)): \(problems.joined(separator: "; "))",
            fix:
                "plan and apply the tenant (tenantctl plan, tenantctl apply) to divide its total again; tenantctl quota \(tenant) shows the shares"
        )
    }
}
