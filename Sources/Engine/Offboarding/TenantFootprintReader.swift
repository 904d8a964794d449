import CCEModel
import CloudAPI
import JSON
import KubeAPI
import TenancyCore

/// Reads what a cluster holds of one tenant (`TenantFootprint`): every RoleBinding, Namespace and admission
/// policy labelled `tenantctl.io/tenant: TENANT`, tenantctl's RuntimeClasses when no one else uses them, each
/// namespace's volume claims and LoadBalancer Services, and through CCE the tenant's node pools and own cluster.
/// One list per kind (per namespace for contents), all at once.
public enum TenantFootprintReader {
    public static func read(
        tenant: String, cluster: String, kube: KubeClient, facts: ClusterFacts, cce: CCEClient?, poolCluster: String?,
        ownCluster: CCECluster?
    ) async throws -> TenantFootprint {
        let selector = "\(Labels.tenant)=\(tenant)"
        var kinds = [("rbac.authorization.k8s.io/v1", "RoleBinding"), ("v1", "Namespace")]
        if let api = facts.admissionPolicyAPI {
            kinds += [(api, "ValidatingAdmissionPolicyBinding"), (api, "ValidatingAdmissionPolicy")]
        }
        let objects = try await withThrowingTaskGroup(of: [JSONValue].self) { group in
            for (apiVersion, kind) in kinds {
                group.addTask { try await kube.list(apiVersion: apiVersion, kind: kind, labelSelector: selector).items }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let namespaces = objects.filter { $0["kind"]?.stringValue == "Namespace" }
        var footprint = TenantFootprint(tenant: tenant, cluster: cluster, objects: objects)
        footprint.contents = try await contents(
            of: namespaces.compactMap { $0["metadata"]?["name"]?.stringValue }, kube)
        (footprint.runtimeClasses, footprint.kept) = try await unusedRuntimeClasses(
            tenant: tenant, namespaces: namespaces, kube)
        if let cce, let poolCluster {
            let pools = try await cce.nodePools(cluster: poolCluster)
            footprint.nodePools = try pools.filter { TenantOwnership.tenant(of: $0) == tenant }.map {
                try JSONValue(encoding: $0)
            }
            if ownCluster == nil, !objects.isEmpty || !footprint.nodePools.isEmpty,
                let system = pools.first(where: {
                    $0.spec.nodeTemplate.k8sTags?[SystemPool.label] == SystemPool.labelValue
                })
            {
                footprint.kept.append(
                    "node pool \(system.metadata.name) is kept: it is shared, and the cluster's add-ons run on it (G11)."
                )
            }
        }
        footprint.ownCluster = try ownCluster.map { try JSONValue(encoding: $0) }
        return footprint
    }

    /// Each namespace's PersistentVolumeClaims and LoadBalancer Services.
    private static func contents(of namespaces: [String], _ kube: KubeClient) async throws -> [String: [JSONValue]] {
        try await withThrowingTaskGroup(of: (String, [JSONValue]).self) { group in
            for namespace in namespaces {
                group.addTask {
                    let claims = try await kube.list(
                        apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: namespace
                    ).items
                    let services = try await kube.list(apiVersion: "v1", kind: "Service", namespace: namespace).items
                        .filter { $0["spec"]?["type"]?.stringValue == "LoadBalancer" }
                    return (namespace, claims + services)
                }
            }
            var contents: [String: [JSONValue]] = [:]
            for try await (namespace, items) in group where !items.isEmpty { contents[namespace] = items }
            return contents
        }
    }

    /// tenantctl's RuntimeClasses this tenant's secure namespaces used and nothing else uses (no other tenant's
    /// secure namespace, no pod outside the tenant's namespaces); the others, with why they are kept.
    private static func unusedRuntimeClasses(tenant: String, namespaces: [JSONValue], _ kube: KubeClient) async throws
        -> ([JSONValue], [String])
    {
        let secure = namespaces.contains { $0["metadata"]?["labels"]?[Labels.runtime]?.stringValue == "secure" }
        guard secure else { return ([], []) }
        let classes = try await kube.list(
            apiVersion: "node.k8s.io/v1", kind: "RuntimeClass",
            labelSelector: "\(Labels.managedBy)=\(Labels.managedByValue)"
        ).items
        guard !classes.isEmpty else { return ([], []) }
        let own = Set(namespaces.compactMap { $0["metadata"]?["name"]?.stringValue })
        let otherTenants = Set(
            try await kube.list(apiVersion: "v1", kind: "Namespace", labelSelector: "\(Labels.runtime)=secure").items
                .compactMap { $0["metadata"]?["labels"]?[Labels.tenant]?.stringValue }.filter { $0 != tenant })
        let pods = try await kube.list(apiVersion: "v1", kind: "Pod").items
            .filter { !own.contains($0["metadata"]?["namespace"]?.stringValue ?? "") }
        var unused: [JSONValue] = [], kept: [String] = []
        for runtimeClass in classes {
            let name = runtimeClass["metadata"]?["name"]?.stringValue ?? ""
            let users = pods.filter { $0["spec"]?["runtimeClassName"]?.stringValue == name }
                .compactMap { pod in
                    pod["metadata"]?["namespace"]?.stringValue.map {
                        "\($0)/\(pod["metadata"]?["name"]?.stringValue ?? "")"
                    }
                }
            if !otherTenants.isEmpty || !users.isEmpty {
                let who = (otherTenants.sorted().map { "tenant \($0)" } + users.prefix(3).map { "pod \($0)" }).joined(
                    separator: ", ")
                kept.append(
                    "RuntimeClass \(name) is kept: \(who) still use\(otherTenants.count + users.count == 1 ? "s" : "") it."
                )
            } else {
                unused.append(runtimeClass)
            }
        }
        return (unused, kept)
    }
}
