/// The names CCE gives the tenant's cloud resources come from the tenant's name: its dedicated node pool
/// (`<tenant>-pool`) and its own cluster (`<tenant>`). CCE's rules for them are stricter than a DNS label's, so a
/// name that would be refused is an error at the spec's `metadata.name`, before any request.
enum CCENameRule {
    static func reasons(_ spec: TenantSpec, _ layout: Layout, _ cluster: ClusterProfile) -> [Reason] {
        var reasons: [Reason] = []
        let field = FieldRef.spec(FieldPath("metadata", "name"))
        let own: Bool
        if case .own = layout.site { own = true } else { own = false }
        if own, let problem = Names.cceClusterNameProblem(spec.name) {
            reasons.append(
                Reason(
                    .error, .isolation, [.g9], [field],
                    "its own cluster is named after it, and \(problem); rename the tenant"))
        }
        let pool = Names.tenantPool(spec.name)
        if layout.pool != nil, own || cluster.cce != nil, let problem = Names.cceNodePoolNameProblem(pool) {
            reasons.append(
                Reason(
                    .error, .nodes, [.g11], [field],
                    "its dedicated node pool is named \(pool), and \(problem); rename the tenant"))
        }
        return reasons
    }
}
