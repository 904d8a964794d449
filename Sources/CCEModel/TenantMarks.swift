/// How tenantctl marks what it makes for one tenant, spelled once for the core (which renders CCE bodies and
/// compares them with what exists) and the CCE client (which creates them and adopts only its own).
public enum TenantMarks {
    /// The label on a tenant's Kubernetes objects, and on its node pools' nodes (in the pool's `k8sTags`).
    public static let label = "tenantctl.io/tenant"
    /// The tag on a tenant's own CCE cluster: CCE tag keys allow no `/`, so the label cannot be used there.
    public static let clusterTag = "tenantctl-tenant"
}
