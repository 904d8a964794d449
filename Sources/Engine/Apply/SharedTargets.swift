import KubeAPI
import TenancyCore

/// Who still relies on a target the cluster's tenants share (the system node pool, the secure RuntimeClass): an
/// undo must not take it from them. Undoing runs newest first, so a run's own namespaces are gone by the time its
/// shared targets (made first) are undone; any tenant namespace left belongs to another tenant or a later run.
enum SharedTargets {
    /// The tenants with namespaces on the cluster, by their `tenantctl.io/tenant` label.
    static func tenantsOnCluster(client: KubeClient) async throws -> [String] {
        let namespaces = try await client.list(apiVersion: "v1", kind: "Namespace", labelSelector: Labels.tenant)
        return Set(namespaces.items.compactMap { $0["metadata"]?["labels"]?[Labels.tenant]?.stringValue }).sorted()
    }

    /// Why an undo keeps the shared target of `change`, or nil when no tenant has namespaces on the cluster.
    static func keep(_ change: PlannedChange, client: KubeClient?) async throws -> String? {
        guard change.isShared, let client else { return nil }
        let tenants = try await tenantsOnCluster(client: client)
        guard !tenants.isEmpty else { return nil }
        let named =
            tenants.prefix(3).joined(separator: ", ") + (tenants.count > 3 ? " and \(tenants.count - 3) more" : "")
        return
            "kept: shared by the cluster's tenants, and \(named) still \(tenants.count == 1 ? "has" : "have") namespaces there"
    }
}
