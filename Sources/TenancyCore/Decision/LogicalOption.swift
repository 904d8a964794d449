import Foundation

/// The decision's logical option: isolation on the target cluster, arranged as well as that cluster allows (node
/// pool, runtime, network method and API-server access, each with its reasons), and the needs the cluster cannot
/// meet (blockers), which make physical isolation the required one.
struct LogicalOption: Sendable, Hashable {
    var layout: Layout
    var reasons: [Reason]
    var blockers: [Reason]

    static func make(
        _ spec: TenantSpec, _ cluster: ClusterProfile, _ catalog: PriceCatalog, _ needs: Needs, utilization: Decimal
    ) -> LogicalOption {
        var option = LogicalOption(
            layout: Layout(
                isolation: .logical, site: .shared(cluster: cluster.name, version: cluster.version), nodes: .shared,
                pool: nil, runtime: .standard,
                network: .none, apiServer: spec.apiAccess ? .reachable : .blocked),
            reasons: [], blockers: [])
        option.chooseRuntime(spec, cluster, needs)
        option.chooseNodes(spec, catalog, needs, utilization: utilization)
        option.chooseNetwork(spec, cluster, needs)
        option.reasons += APIServerRule.reasons(spec, option.layout, cluster: cluster)
        if option.layout.runtime == .secure {
            option.reasons += SecureRuntimeRule.check(spec, option.layout.pool, catalog)
        }
        return option
    }

    private mutating func chooseRuntime(_ spec: TenantSpec, _ cluster: ClusterProfile, _ needs: Needs) {
        guard !needs.secureRuntime.isEmpty else {
            reasons.append(
                Reason(
                    .runtime, [.g10], [.spec("trust"), .spec("runtime")],
                    "trust \(spec.trust.rawValue) and nothing asks for the secure runtime: the standard runtime (runC)")
            )
            return
        }
        let needFields = needs.secureRuntime.flatMap(\.fields)
        var possible = true
        if !cluster.secureRuntime {
            blockers.append(
                Reason(
                    .runtime, [.g10], needFields + [.cluster(cluster.name, "secureRuntime")],
                    "\(needs.secureRuntime.map(\.text).joined(separator: "; ")); \(cluster.name) offers no secure runtime (it exists only on CCE Turbo clusters with physical nodes)"
                ))
            possible = false
        }
        if spec.hostNetwork {
            blockers.append(
                Reason(
                    .runtime, [.g10, .g12], needFields + [.spec("hostNetwork")],
                    "the secure runtime is needed, but its pods cannot use the host network and spec.hostNetwork is true"
                ))
            possible = false
        }
        guard possible else {
            reasons.append(
                Reason(
                    .runtime, [.g10], needFields,
                    "the standard runtime (runC): the secure runtime is needed but cannot run here (see isolation)"))
            return
        }
        layout.runtime = .secure
        reasons += needs.secureRuntime
        reasons.append(
            Reason(
                .runtime, [.g10], [.cluster(cluster.name, "secureRuntime")],
                "\(cluster.name) offers the secure runtime: each pod runs in its own micro-VM (Kata)"))
    }

    private mutating func chooseNodes(_ spec: TenantSpec, _ catalog: PriceCatalog, _ needs: Needs, utilization: Decimal)
    {
        var why = needs.dedicatedNodes
        if layout.runtime == .secure && why.isEmpty {
            why.append(
                Reason(.nodes, [.g10, .g11], [.spec("runtime")], "the secure runtime runs on a pool of physical nodes"))
        }
        guard !why.isEmpty else {
            reasons.append(
                Reason(
                    .nodes, [.g11, .g4], [.spec("trust"), .spec("quota")],
                    "trust \(spec.trust.rawValue) and nothing asks for dedicated nodes: its pods share the cluster's nodes, held to spec.quota"
                ))
            return
        }
        layout.nodes = .dedicated
        reasons += why
        let (pool, sizing) = PoolRule.pool(spec, secure: layout.runtime == .secure, catalog, utilization: utilization)
        layout.pool = pool
        reasons += sizing
        reasons.append(
            Reason(
                .nodes, [.g11], [],
                "the pool is tainted for this tenant alone and its pods select it; system add-ons stay on their own nodes"
            ))
    }

    private mutating func chooseNetwork(_ spec: TenantSpec, _ cluster: ClusterProfile, _ needs: Needs) {
        let modeField = FieldRef.cluster(cluster.name, "networkMode")
        guard !needs.networkIsolation.isEmpty else {
            reasons.append(
                Reason(
                    .network, [.g6], [.spec("network", "isolation")],
                    "spec.network.isolation is none and no compliance tag requires isolation: no network fence"))
            return
        }
        let allowed =
            spec.network.allowFrom.isEmpty
            ? "" : "; traffic allowed in from \(spec.network.allowFrom.joined(separator: ", "))"
        switch cluster.networkMode {
        case .tunnel:
            layout.network = .networkPolicy
            reasons += needs.networkIsolation
            reasons.append(
                Reason(
                    .network, [.g6], [modeField],
                    "\(cluster.name) uses the container tunnel network: NetworkPolicy, default-deny for ingress and egress\(allowed)"
                ))
        case .cloudNative2:
            layout.network = .securityGroup
            reasons += needs.networkIsolation
            reasons.append(
                Reason(
                    .network, [.g6, .g10], [modeField],
                    "\(cluster.name) uses the Cloud Native 2.0 network: pod security groups fence the tenant\(allowed) (NetworkPolicy there filters ingress only, needs DataPlane V2, and never applies to secure-runtime pods)"
                ))
            if spec.network.securityGroups.isEmpty {
                reasons.append(
                    Reason(
                        .error, .network, [.g6], [.spec("network", "securityGroups")],
                        "\(cluster.name) fences pods with security groups: list the tenant's security group IDs (up to 5) in spec.network.securityGroups"
                    ))
            }
        case .vpc:
            blockers.append(
                Reason(
                    .network, [.g6], needs.networkIsolation.flatMap(\.fields) + [modeField],
                    "\(needs.networkIsolation.map(\.text).joined(separator: "; ")); \(cluster.name) uses the VPC network, where no policy can isolate pods, so such a tenant cannot share it"
                ))
            reasons.append(
                Reason(
                    .network, [.g6], [modeField],
                    "none: isolation is needed but impossible on the VPC network (see isolation)"))
        }
        if spec.hostNetwork, layout.network != .none {
            reasons.append(
                Reason(
                    .warning, .network, [.g6, .g12], [.spec("hostNetwork")],
                    "pods on the host network (spec.hostNetwork) are outside the \(layout.network == .networkPolicy ? "NetworkPolicy" : "security groups")"
                ))
        }
    }
}
