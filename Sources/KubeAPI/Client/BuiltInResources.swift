/// The kinds tenantctl manages, mapped without asking the server. Any other kind goes through discovery.
public enum BuiltInResources {
    /// The mapping of `apiVersion` + `kind`, or nil when the kind is not in the table.
    public static func mapping(apiVersion: String, kind: String) -> ResourceMapping? {
        table[Key(apiVersion: apiVersion, kind: kind)]
    }

    /// Every mapping in the table.
    public static var all: [ResourceMapping] { Array(table.values) }

    private struct Key: Hashable {
        var apiVersion: String
        var kind: String
    }

    private static let entries: [(apiVersion: String, kind: String, resource: String, namespaced: Bool)] = [
        ("v1", "Namespace", "namespaces", false),
        ("v1", "Node", "nodes", false),
        ("v1", "ServiceAccount", "serviceaccounts", true),
        ("v1", "ResourceQuota", "resourcequotas", true),
        ("v1", "LimitRange", "limitranges", true),
        ("v1", "ConfigMap", "configmaps", true),
        ("v1", "Secret", "secrets", true),
        ("v1", "Pod", "pods", true),
        ("v1", "Service", "services", true),
        ("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
        ("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true),
        ("rbac.authorization.k8s.io/v1", "Role", "roles", true),
        ("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true),
        ("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false),
        ("node.k8s.io/v1", "RuntimeClass", "runtimeclasses", false),
        ("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false),
        (
            "admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings",
            false
        ),
        ("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false),
        (
            "admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicyBinding",
            "validatingadmissionpolicybindings", false
        ),
        ("coordination.k8s.io/v1", "Lease", "leases", true),
        ("apps/v1", "Deployment", "deployments", true),
        ("apps/v1", "StatefulSet", "statefulsets", true),
        ("apps/v1", "DaemonSet", "daemonsets", true),
        ("batch/v1", "Job", "jobs", true),
    ]

    private static let table: [Key: ResourceMapping] = Dictionary(
        uniqueKeysWithValues: entries.map { entry in
            let (group, version) = splitAPIVersion(entry.apiVersion)
            let mapping = ResourceMapping(
                group: group, version: version, resource: entry.resource, kind: entry.kind, namespaced: entry.namespaced
            )
            return (Key(apiVersion: entry.apiVersion, kind: entry.kind), mapping)
        })
}
