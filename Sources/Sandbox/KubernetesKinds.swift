/// The kinds Kubernetes itself serves (no custom resources), as the real server of a given minor version publishes
/// them: what the sandbox serves before any custom resource is registered. Not KubeAPI's `BuiltInResources`, the
/// client's table of the kinds tenantctl writes.
enum KubernetesKinds {
    static func all(minorVersion: Int) -> [ResourceType] {
        core + apps + others + admissionPolicies(minorVersion: minorVersion)
    }

    private static let core: [ResourceType] = [
        ResourceType(
            group: "", version: "v1", kind: "Namespace", plural: "namespaces", scope: .cluster, shortNames: ["ns"],
            hasStatusSubresource: true, returnsDeletedObject: true, nameRule: .dnsLabel),
        ResourceType(
            group: "", version: "v1", kind: "Node", plural: "nodes", scope: .cluster, shortNames: ["no"],
            hasStatusSubresource: true),
        ResourceType(
            group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", scope: .namespaced,
            shortNames: ["cm"]),
        ResourceType(group: "", version: "v1", kind: "Secret", plural: "secrets", scope: .namespaced),
        ResourceType(
            group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts",
            scope: .namespaced, shortNames: ["sa"]),
        ResourceType(
            group: "", version: "v1", kind: "ResourceQuota", plural: "resourcequotas", scope: .namespaced,
            shortNames: ["quota"], hasStatusSubresource: true),
        ResourceType(
            group: "", version: "v1", kind: "LimitRange", plural: "limitranges", scope: .namespaced,
            shortNames: ["limits"]),
        ResourceType(
            group: "", version: "v1", kind: "Pod", plural: "pods", scope: .namespaced, shortNames: ["po"],
            categories: ["all"], hasStatusSubresource: true),
        ResourceType(
            group: "", version: "v1", kind: "Service", plural: "services", scope: .namespaced,
            shortNames: ["svc"], categories: ["all"], hasStatusSubresource: true, nameRule: .dns1035Label),
        ResourceType(
            group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims",
            scope: .namespaced, shortNames: ["pvc"], hasStatusSubresource: true),
    ]

    private static let apps: [ResourceType] = [
        ResourceType(
            group: "apps", version: "v1", kind: "Deployment", plural: "deployments", scope: .namespaced,
            shortNames: ["deploy"], categories: ["all"], tracksGeneration: true, hasStatusSubresource: true),
        ResourceType(
            group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", scope: .namespaced,
            shortNames: ["sts"], categories: ["all"], tracksGeneration: true, hasStatusSubresource: true),
        ResourceType(
            group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", scope: .namespaced,
            shortNames: ["ds"], categories: ["all"], tracksGeneration: true, hasStatusSubresource: true),
        ResourceType(
            group: "batch", version: "v1", kind: "Job", plural: "jobs", scope: .namespaced,
            categories: ["all"], tracksGeneration: true, hasStatusSubresource: true),
    ]

    private static let others: [ResourceType] = [
        ResourceType(
            group: "networking.k8s.io", version: "v1", kind: "NetworkPolicy", plural: "networkpolicies",
            scope: .namespaced, shortNames: ["netpol"], tracksGeneration: true),
        ResourceType(
            group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles",
            scope: .namespaced, nameRule: .pathSegment),
        ResourceType(
            group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings",
            scope: .namespaced, nameRule: .pathSegment),
        ResourceType(
            group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles",
            scope: .cluster, nameRule: .pathSegment),
        ResourceType(
            group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding",
            plural: "clusterrolebindings", scope: .cluster, nameRule: .pathSegment),
        ResourceType(
            group: "node.k8s.io", version: "v1", kind: "RuntimeClass", plural: "runtimeclasses",
            scope: .cluster, nameRule: .dnsSubdomain),
        ResourceType(
            group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases",
            scope: .namespaced),
    ]

    /// ValidatingAdmissionPolicy went GA in 1.30; 1.28 and 1.29 serve it as v1beta1 (where the server enables
    /// it, as the sandbox does); older servers serve no policy API that tenantctl uses.
    private static func admissionPolicies(minorVersion: Int) -> [ResourceType] {
        guard minorVersion >= 28 else { return [] }
        let version = minorVersion >= 30 ? "v1" : "v1beta1"
        let group = "admissionregistration.k8s.io"
        return [
            ResourceType(
                group: group, version: version, kind: "ValidatingAdmissionPolicy",
                plural: "validatingadmissionpolicies", scope: .cluster, categories: ["api-extensions"],
                tracksGeneration: true, hasStatusSubresource: true),
            ResourceType(
                group: group, version: version, kind: "ValidatingAdmissionPolicyBinding",
                plural: "validatingadmissionpolicybindings", scope: .cluster, categories: ["api-extensions"],
                tracksGeneration: true),
        ]
    }
}
