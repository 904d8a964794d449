import CCEModel

/// How tenantctl marks the CCE objects it creates for a tenant, and checks that an existing one is its own.
///
/// Clusters carry the cluster tag `tenantctl-tenant: NAME` (`TenantMarks.clusterTag`: CCE tag keys allow no `/`,
/// so the label key cannot be used); node pools carry the node label (`k8sTags`) `tenantctl.io/tenant: NAME`
/// (`TenantMarks.label`), which also lands on their nodes. Add-ons carry no tags: an installed add-on is ours when
/// its cluster is.
public enum TenantOwnership {
    /// The tenant a cluster is tagged for, if any.
    public static func tenant(of cluster: CCECluster) -> String? {
        cluster.spec.clusterTags?.first { $0.key == TenantMarks.clusterTag }?.value
    }

    /// The tenant a node pool is labelled for, if any.
    public static func tenant(of pool: CCENodePool) -> String? {
        pool.spec.nodeTemplate.k8sTags?[TenantMarks.label]
    }

    /// The cluster with the tenant's tag added (replacing any earlier value).
    public static func tagged(_ cluster: CCECluster, tenant: String) -> CCECluster {
        var copy = cluster
        var tags = (copy.spec.clusterTags ?? []).filter { $0.key != TenantMarks.clusterTag }
        tags.append(CCECluster.ResourceTag(key: TenantMarks.clusterTag, value: tenant))
        copy.spec.clusterTags = tags
        return copy
    }

    /// The node pool with the tenant's label added.
    public static func labelled(_ pool: CCENodePool, tenant: String) -> CCENodePool {
        var copy = pool
        copy.spec.nodeTemplate.k8sTags = (copy.spec.nodeTemplate.k8sTags ?? [:]).merging([TenantMarks.label: tenant]) {
            $1
        }
        return copy
    }
}

/// An object with the wanted name exists but is not the tenant's: tenantctl will not adopt it.
public struct OwnershipConflict: Error, Sendable, Hashable, CustomStringConvertible {
    /// `cluster`, `node pool`, `add-on`.
    public var kind: String
    public var name: String
    public var id: String?
    public var tenant: String
    /// The tenant the object is tagged for, or nil when it carries no tenantctl tag.
    public var owner: String?

    public init(kind: String, name: String, id: String?, tenant: String, owner: String?) {
        self.kind = kind
        self.name = name
        self.id = id
        self.tenant = tenant
        self.owner = owner
    }

    public var description: String {
        let found = owner.map { "belongs to tenant \"\($0)\"" } ?? "was not created by tenantctl (it has no tenant tag)"
        let ident = id.map { " (\($0))" } ?? ""
        return "\(kind) \"\(name)\"\(ident) already exists and \(found); refusing to adopt it for tenant \"\(tenant)\""
    }
}

/// What an `ensure…` call did.
public enum Ensured<Value: Sendable>: Sendable {
    /// It was created by this call.
    case created(Value)
    /// It existed already, carrying the tenant's tag, and was adopted.
    case adopted(Value)

    public var value: Value {
        switch self {
        case .created(let value), .adopted(let value): value
        }
    }

    public var wasCreated: Bool {
        if case .created = self { return true }
        return false
    }
}
