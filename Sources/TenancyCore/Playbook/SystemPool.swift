import CCEModel

/// The node pool for system add-ons on a CCE cluster (G11): shared by every tenant, tainted
/// `CriticalAddonsOnly` (which cluster add-ons tolerate) so that no tenant pod lands there.
public enum SystemPool {
    static let name = "tenantctl-system"
    /// The node label (`k8sTags`) that marks the pool: `tenantctl.io/pool: system`.
    public static let label = "tenantctl.io/pool"
    public static let labelValue = "system"

    /// The pool's CCE body; nil for a cluster tenantctl cannot manage through CCE.
    static func body(_ cluster: ClusterProfile) -> CCENodePool? {
        guard cluster.cce != nil else { return nil }
        var template = NodeTemplate.base(flavor: cluster.sharedNodes?.flavor ?? "c7.xlarge.2", cluster)
        template.k8sTags = [Labels.managedBy: Labels.managedByValue, label: labelValue]
        template.taints = [.init(key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule")]
        return CCENodePool(
            metadata: CCEMetadata(name: name), spec: .init(type: "vm", initialNodeCount: 2, nodeTemplate: template))
    }
}
