import JSON

/// What a live audit reads from a cluster, and every rule run over it.
public struct ClusterSnapshot: Sendable {
    /// The server's `gitVersion` (`v1.30.2`), when read.
    public var serverVersion: String?
    public var namespaces: [JSONValue] = []
    public var resourceQuotas: [JSONValue] = []
    public var limitRanges: [JSONValue] = []
    public var networkPolicies: [JSONValue] = []
    public var serviceAccounts: [JSONValue] = []
    /// Pods, Deployments, StatefulSets, DaemonSets, Jobs, and the Services the Web Terminal check reads.
    public var workloads: [JSONValue] = []
    public var services: [JSONValue] = []
    public var roleBindings: [JSONValue] = []
    public var clusterRoleBindings: [JSONValue] = []
    /// Each node's `/configz` document, or nil when it could not be read.
    public var kubeletConfigs: [(node: String, configz: JSONValue?)] = []

    public init() {}

    /// Every finding: the version (when a window is given), kubelets, Web Terminal, tenant RBAC, namespaces,
    /// workloads, then what the `tenants`' `spec.admission` forbids.
    public func audit(versionWindow: PriceCatalog.VersionWindow?, tenants: [TenantSpec] = []) -> [Finding] {
        var findings: [Finding] = []
        if let versionWindow, let serverVersion {
            findings += ClusterRules.version(serverVersion, window: versionWindow)
        }
        for (node, configz) in kubeletConfigs {
            if let configz {
                findings += ClusterRules.kubelet(node: node, configz: configz)
            } else {
                findings.append(
                    Finding(
                        check: "kubelet-config-unreadable", guidance: .g7, severity: .warn, object: "Node \(node)",
                        message: "the kubelet's configuration (/configz) could not be read",
                        fix: "check the kubelet's authorization.mode (Webhook) and anonymous authentication by hand"))
            }
        }
        findings += ClusterRules.webTerminal(clusterRoleBindings + workloads + services)
        findings += ClusterRules.tenantBindings(clusterRoleBindings + roleBindings, namespaces: namespaces)
        findings += ClusterRules.namespaces(
            namespaces, quotas: resourceQuotas, limitRanges: limitRanges, networkPolicies: networkPolicies,
            serviceAccounts: serviceAccounts)
        findings += TenantQuotaRule.check(namespaces: namespaces, quotas: resourceQuotas)
        // A controller's pods (and a CronJob's Jobs) are reported once, at the controller.
        let uncontrolled = workloads.filter { !Self.isControlled($0) }
        findings += WorkloadRules.check(uncontrolled)
        findings += AdmissionAudit.check(
            workloads: uncontrolled, services: services, namespaces: namespaces, tenants: tenants)
        return findings
    }

    /// Whether an object has a controlling owner (a ReplicaSet's Pod, a CronJob's Job).
    public static func isControlled(_ object: JSONValue) -> Bool {
        (object.value(at: ["metadata", "ownerReferences"])?.arrayValue ?? []).contains {
            $0["controller"]?.boolValue == true
        }
    }
}
