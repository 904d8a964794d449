import IPv4

/// The container range of a tenant's own cluster cannot change once CCE has created it, and CCE refuses one that
/// overlaps the VPC's range or the cluster's Service range: such a range is an error at the spec's
/// `containerCIDR` (or, when the default is taken, at the inventory's `cce.vpcCIDR` too), before any request.
enum ContainerCIDRRule {
    static func reasons(_ spec: TenantSpec, _ layout: Layout, _ cluster: ClusterProfile) -> [Reason] {
        guard case .own(let new) = layout.site, let text = new.containerCIDR, let range = IPv4Network(text) else {
            return []
        }
        let given = spec.containerCIDR != nil
        let which =
            given
            ? "spec.containerCIDR \(text)" : "the default container range \(text) (spec.containerCIDR sets another)"
        let field = FieldRef.spec("containerCIDR")
        var reasons: [Reason] = []
        if let vpcText = cluster.cce?.vpcCIDR, let vpc = IPv4Network(vpcText), range.overlaps(vpc) {
            reasons.append(
                Reason(
                    .error, .network, [.g9],
                    given ? [field, .cluster(cluster.name, "cce.vpcCIDR")] : [.cluster(cluster.name, "cce.vpcCIDR")],
                    "its own cluster's pods would take \(which), which overlaps \(cluster.name)'s VPC \(vpcText): CCE refuses it and cannot change it later; give a free range"
                ))
        }
        if let service = IPv4Network(Layout.NewCluster.serviceCIDR), range.overlaps(service) {
            reasons.append(
                Reason(
                    .error, .network, [.g9], [field],
                    "its own cluster's pods would take \(which), which overlaps the cluster's Service range \(Layout.NewCluster.serviceCIDR): CCE refuses it; give a free range"
                ))
        }
        return reasons
    }
}
