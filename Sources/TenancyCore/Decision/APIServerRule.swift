/// Whether tenant pods may reach the API server (G14), and how the route is cut where they may not:
/// an iptables REJECT from the container CIDR to the API server on the tenant's nodes (FORWARD on the tunnel
/// network, OUTPUT on the VPC network), or a pod security-group rule on Cloud Native 2.0.
enum APIServerRule {
    static func reasons(_ spec: TenantSpec, _ layout: Layout, cluster: ClusterProfile?) -> [Reason] {
        let field = FieldRef.spec("apiAccess")
        let onShared = layout.nodes == .shared
        if spec.apiAccess {
            var found = [
                Reason(
                    .apiServer, [.g14], [field], "spec.apiAccess is true: its pods keep their route to the API server")
            ]
            if onShared {
                found.append(
                    Reason(
                        .warning, .apiServer, [.g14, .g11], [field, .spec("nodePool")],
                        "on shared nodes the route cannot be kept for this tenant alone: the shared nodes go without the REJECT rule, so every tenant on them can reach the API server; a dedicated pool would keep G14 there"
                    ))
            }
            if spec.trust == .untrusted {
                found.append(
                    Reason(
                        .warning, .apiServer, [.g14], [field, .spec("trust")],
                        "an untrusted tenant that can reach the API server widens the attack surface; its RBAC and token settings (G2, G3) are all that stand between"
                    ))
            }
            return found
        }
        let mode: ClusterProfile.NetworkMode
        let address: String?
        switch layout.site {
        case .shared:
            mode = cluster?.networkMode ?? .tunnel
            address = cluster?.apiServerAddress
        case .own(let new):
            mode = new.networkMode
            address = nil
        }
        let target = address ?? "the API server"
        let how: String
        switch mode {
        case .tunnel, .vpc:
            let chain = mode == .tunnel ? "FORWARD" : "OUTPUT"
            how =
                "an iptables rule (\(chain) chain, kept in /etc/rc.local) REJECTs traffic from the container CIDR to \(target)"
        case .cloudNative2: how = "the pods' security group denies traffic to \(target)"
        }
        let scope = onShared ? " on the shared nodes, so no tenant on them can reach it" : " on its nodes"
        var found = [Reason(.apiServer, [.g14], [field], "spec.apiAccess is false: \(how)\(scope)")]
        if case .shared = layout.site, let cluster, cluster.apiServerAddress == nil {
            found.append(
                Reason(
                    .warning, .apiServer, [.g14], [.cluster(cluster.name, "apiServerAddress")],
                    "\(cluster.name) has no apiServerAddress in the inventory: the rule has no address to reject until it is added"
                ))
        }
        return found
    }
}
