import KubeAPI
import TenancyCore

/// Who else relies on a target shared by the cluster's tenants (the system node pool, the secure RuntimeClass):
/// undoing one tenant's create of it must not take it from the others.
enum SharedTargets {
    /// The other tenants with namespaces on the cluster, by their `tenantctl.io/tenant` label.
    static func otherTenants(than tenant: String, client: KubeClient) async throws -> [String] {
        let namespaces = try await client.list(
            apiVersion: "v1", kind: "Namespace", labelSelector: "\(Labels.tenant),\(Labels.tenant)!=\(tenant)")
        return Set(namespaces.items.compactMap { $0["metadata"]?["labels"]?[Labels.tenant]?.stringValue }).sorted()
    }

    /// Why an undo keeps the shared target of `change`, or nil when no other tenant is on the cluster.
    static func keep(_ change: PlannedChange, tenant: String, client: KubeClient?) async throws -> String? {
        guard change.isShared, let client else { return nil }
        let others = try await otherTenants(than: tenant, client: client)
        guard !others.isEmpty else { return nil }
        let named = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? " and \(others.count - 3) more" : "")
        return "kept: shared with the cluster's other tenants (\(named))"
    }
}
