/// Rules on how a tenant's total is divided among its namespaces: explicit shares add up to no more than the
/// total, and every share holds at least one container and one claim at the LimitRange's maximum (a smaller share
/// could never admit them). Shares that come out at nothing are warned about.
enum QuotaShareRules {
    static func check(_ spec: TenantSpec, _ map: SourceMap) -> [Diagnostic] {
        let total = spec.quota.amounts
        var found: [Diagnostic] = []
        var overGiven: Set<QuotaResource> = []
        for resource in QuotaResource.allCases {
            let givers = spec.namespaces.enumerated().compactMap { index, ns in
                spec.quotaShares[ns]?[resource].map { (index: index, namespace: ns, units: $0) }
            }
            let given = givers.reduce(Int64(0)) { $0.addingClamped($1.units) }
            guard let last = givers.last, given > total[resource] ?? 0 else { continue }
            overGiven.insert(resource)
            let parts = givers.map { "\($0.namespace) \(resource.text($0.units))" }.joined(separator: ", ")
            found.append(
                map.diagnostic(
                    at: sharePath(last.index, resource),
                    "the explicit \(resource.rawValue) shares add up to \(resource.text(given)) (\(parts)), more than the tenant's total \(resource.text(total[resource] ?? 0)) (spec.quota.\(resource.rawValue))"
                ))
        }
        let allocation = QuotaAllocation(spec)
        for floor in QuotaFloor.floors(spec) {
            let (resource, what, floorPath) = (floor.resource, floor.what, floor.path)
            guard !overGiven.contains(resource), (total[resource] ?? 0) >= floor.units else { continue }
            let short = spec.namespaces.enumerated().filter {
                (allocation.shares[$0.element]?[resource] ?? 0) < floor.units
            }
            let explicit = short.filter { spec.quotaShares[$0.element]?[resource] != nil }
            for (index, namespace) in explicit {
                found.append(
                    map.diagnostic(
                        at: sharePath(index, resource),
                        "\(namespace)'s \(resource.rawValue) share (\(resource.text(allocation.shares[namespace]?[resource] ?? 0))) is below \(what) (\(resource.text(floor.units)) at \(floorPath)); none at the maximum could start there"
                    ))
            }
            let even = short.filter { spec.quotaShares[$0.element]?[resource] == nil }.map(\.element)
            if !even.isEmpty {
                let parts = listing(even.map { "\($0) \(resource.text(allocation.shares[$0]?[resource] ?? 0))" })
                found.append(
                    map.diagnostic(
                        at: FieldPath("spec", "quota", resource.rawValue),
                        "dividing the \(resource.rawValue) total leaves \(parts), below \(what) (\(resource.text(floor.units)) at \(floorPath)); raise the total or lower the explicit shares"
                    ))
            }
        }
        for resource in QuotaResource.allCases where !overGiven.contains(resource) && (total[resource] ?? 0) > 0 {
            let empty = spec.namespaces.filter {
                spec.quotaShares[$0]?[resource] == nil && allocation.shares[$0]?[resource] == 0
            }
            guard !empty.isEmpty else { continue }
            let taken = spec.namespaces.contains { spec.quotaShares[$0]?[resource] != nil }
            found.append(
                map.diagnostic(
                    .warning, at: FieldPath("spec", "quota", resource.rawValue),
                    "\(listing(empty)) get\(empty.count == 1 ? "s" : "") no \(resource.rawValue): \(taken ? "the explicit shares take the whole total" : "the total has fewer units than there are namespaces")"
                ))
        }
        return found
    }

    /// `a, b, c`, or for a long list its first five and how many more.
    private static func listing(_ items: [String]) -> String {
        items.count <= 5
            ? items.joined(separator: ", ") : "\(items.prefix(5).joined(separator: ", ")) and \(items.count - 5) more"
    }

    private static func sharePath(_ index: Int, _ resource: QuotaResource) -> FieldPath {
        FieldPath("spec", "namespaces").appending(index: index).appending("quota").appending(resource.rawValue)
    }
}
