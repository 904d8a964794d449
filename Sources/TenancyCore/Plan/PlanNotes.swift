/// What a reviewer must know beyond the changes: enforcement the cluster cannot give, assumptions made
/// offline, and guidance that applies only partly. Pure text, in a fixed order.
enum PlanNotes {
    static func notes(_ spec: TenantSpec, _ layout: Layout, _ cluster: ClusterProfile, _ facts: ClusterFacts)
        -> [String]
    {
        var notes: [String] = []
        let target: String
        if case .own = layout.site { target = spec.name } else { target = cluster.name }
        if case .own = layout.site {
            notes.append(
                "Kubernetes objects go to the tenant's own cluster \"\(spec.name)\"; until it exists they are planned against an empty cluster."
            )
        }
        if facts.origin == .assumed {
            let served = facts.admissionPolicyAPI ?? "no ValidatingAdmissionPolicy API"
            notes.append(
                "API versions are assumed from Kubernetes \(facts.version) (\(served)): the server was not read (planned offline, or the cluster does not exist yet)."
            )
        }
        if facts.admissionPolicyAPI == nil {
            let refusals = SpecAdmissionRules.refusals(spec.admission)
            let admission =
                refusals.isEmpty ? "" : ", nor what spec.admission refuses: \(refusals.joined(separator: ", "))"
            notes.append(
                "Enforcement unavailable: \(target) serves no ValidatingAdmissionPolicy API (Kubernetes 1.30+, or 1.28–1.29 with admissionregistration.k8s.io/v1beta1 enabled), so nothing rejects pods of \(spec.name) that skip their node pool, runtime, limits, read-only root filesystem or host-path rules (G10–G13)\(admission). Still protecting the tenant: Pod Security \(spec.hostNetwork ? "audit and warn" : "restricted enforcement"), the ResourceQuota and LimitRange (G4, G5)\(layout.pool == nil ? "" : ", the pool's NoSchedule taint (G11)")\(layout.network == .none ? "" : ", network isolation (G6)")."
            )
        }
        if layout.pool != nil, case .shared = layout.site, cluster.cce == nil {
            notes.append(
                "Dedicated nodes are decided, but \(cluster.name) has no cce: entry in the inventory, so tenantctl cannot create the pool: label nodes \(Labels.tenant)=\(spec.name) and taint them \(Labels.tenant)=\(spec.name):NoSchedule yourself."
            )
        }
        if spec.hostNetwork {
            notes.append(
                "Pod Security enforces \"privileged\" in \(spec.name)'s namespaces because spec.hostNetwork is true (every stricter level forbids the host network); audit and warn stay \"restricted\"."
            )
        }
        if layout.apiServer == .blocked, layout.pool != nil, case .shared = layout.site,
            NodeScript.apiServerRule(layout: layout, cluster: cluster) == nil
        {
            notes.append(
                cluster.networkMode == .cloudNative2
                    ? "G14 on the Cloud Native 2.0 network: no iptables rule applies to ENI pods; the tenant's security groups must deny egress to the API server."
                    : "G14 not applied: the inventory gives no containerCIDR or apiServerAddress for \(cluster.name).")
        }
        if case .own = layout.site, layout.apiServer == .blocked {
            notes.append(
                "G14 on the new cluster: its API server address is known only once it exists; add the iptables rule to the pool's post-install script then."
            )
        }
        return notes
    }
}
