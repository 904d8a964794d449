import Foundation

/// The decision's physical option: a cluster of the tenant's own in the target's region, at the latest offered
/// version, with all its nodes the tenant's. It runs the secure runtime only when the spec or a compliance tag asks
/// for it: an untrusted tenant alone on its cluster has no neighbour to escape to.
struct PhysicalOption: Sendable, Hashable {
    var layout: Layout
    var reasons: [Reason]

    static func make(
        _ spec: TenantSpec, _ cluster: ClusterProfile, _ catalog: PriceCatalog, _ needs: Needs, utilization: Decimal
    ) -> PhysicalOption {
        let secure = !needs.requestedRuntime.isEmpty
        let region = cluster.cce?.region ?? catalog.region
        let new = Layout.NewCluster(
            region: region, version: catalog.kubernetes.latest, category: secure ? .turbo : .cce,
            networkMode: secure ? .cloudNative2 : .tunnel, flavor: catalog.defaults.clusterFlavor,
            containerCIDR: secure ? nil : spec.containerCIDR ?? Layout.NewCluster.defaultContainerCIDR)
        let (pool, sizing) = PoolRule.pool(spec, secure: secure, catalog, utilization: utilization)
        let isolated = !needs.networkIsolation.isEmpty
        let layout = Layout(
            isolation: .physical, site: .own(new), nodes: .dedicated, pool: pool, runtime: secure ? .secure : .standard,
            network: isolated ? (secure ? .securityGroup : .networkPolicy) : .none,
            apiServer: spec.apiAccess ? .reachable : .blocked)

        let masters =
            catalog.clusterFlavors[new.flavor].map { " (\($0.masters) masters, up to \($0.maxNodes) nodes)" } ?? ""
        let kind =
            secure
            ? "CCE Turbo cluster (Cloud Native 2.0 network, physical nodes for the secure runtime)"
            : "CCE cluster (container tunnel network)"
        var reasons = [
            Reason(
                .isolation, [.g9], [.spec("cluster"), .catalog(FieldPath("spec", "defaults", "clusterFlavor"))],
                "a \(kind) of its own in \(region), the region of \(cluster.name), management flavor \(new.flavor)\(masters)"
            ),
            Reason(.nodes, [.g11], [], "every node of its cluster is the tenant's"),
        ]
        reasons += sizing
        if secure {
            reasons += needs.requestedRuntime
            reasons += SecureRuntimeRule.check(spec, pool, catalog)
        } else {
            let fields: [FieldRef] =
                needs.untrustedRuntime.isEmpty ? [.spec("runtime")] : [.spec("trust"), .spec("runtime")]
            reasons.append(
                Reason(
                    .runtime, [.g10, .g9], fields,
                    "the standard runtime (runC): no other tenant shares its nodes or its control plane"))
        }
        if isolated {
            let method = secure ? "pod security groups still fence" : "NetworkPolicy still fences"
            reasons += needs.networkIsolation
            reasons.append(
                Reason(
                    .network, [.g6], [.spec("network")],
                    "within its own cluster, \(method) its namespaces, as on a shared one"))
        } else {
            reasons.append(
                Reason(
                    .network, [.g6], [.spec("network", "isolation")],
                    "spec.network.isolation is none: no fence inside its own cluster"))
        }
        reasons += APIServerRule.reasons(spec, layout, cluster: nil)
        return PhysicalOption(layout: layout, reasons: reasons)
    }
}
