import KubeAPI
import TenancyCore

/// A run's claim on its tenant in the tenant's cluster: the Lease `kube-system/tenantctl-tenant-<tenant>`, held
/// while the run writes. The store's lock keeps apart runs that share a store; the claim keeps apart runs from
/// different state directories or machines, which meet only in the cluster.
public enum TenantClaim {
    public static let namespace = "kube-system"

    public static func reference(tenant: String) -> ObjectReference {
        ObjectReference(
            apiVersion: "coordination.k8s.io/v1", kind: "Lease", name: "tenantctl-tenant-\(tenant)",
            namespace: namespace)
    }

    /// Takes the claim for `run`, waiting up to `timeout` seconds while another live run holds it.
    public static func acquire(
        client: KubeClient, tenant: String, run: String, duration: Int = LeaseLock.defaultDuration, timeout: Double
    ) async throws -> LeaseLock {
        let reference = reference(tenant: tenant)
        return try await LeaseLock.acquire(
            client: client, reference: reference,
            labels: PlaybookContext.ownerLabels(tenant: tenant), run: run,
            duration: duration, timeout: timeout, busy: { ApplyError($0.busyMessage(tenant: tenant, lease: reference)) }
        )
    }
}
