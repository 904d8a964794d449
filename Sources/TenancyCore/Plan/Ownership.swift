import CCEModel
import JSON

/// Whether a live object or cloud resource is tenantctl's to change: it must carry the ownership labels the
/// desired one carries — `app.kubernetes.io/managed-by: tenantctl`, and `tenantctl.io/tenant: NAME` on what
/// belongs to one tenant. Node pools carry them as node labels (`k8sTags`); clusters as the tag
/// `tenantctl-tenant` (`TenantMarks.clusterTag`); add-ons belong to whoever owns their cluster.
enum Ownership {
    /// Why `live` is not ours to change, or nil when it is. `deleting` demands the managed-by label even when
    /// the desired object names none: tenantctl never deletes what it cannot show it created. `adopting` accepts
    /// a live object without ownership labels, but never one labelled for another tenant.
    static func problem(
        desired: JSONValue, live: JSONValue, target: PlannedChange.Target, deleting: Bool, adopting: Bool = false
    ) -> String? {
        let wanted = labels(desired, target), have = labels(live, target)
        if let tenant = wanted[Labels.tenant], have[Labels.tenant] != tenant {
            if let other = have[Labels.tenant] { return "\(target) belongs to tenant \"\(other)\"" }
            if adopting { return nil }
            return
                "\(target) exists but was not created by tenantctl for \"\(tenant)\" (it has no \(Labels.tenant) label); tenantctl will not change it unless told to --adopt it"
        }
        if adopting { return nil }
        if wanted[Labels.managedBy] != nil || deleting, have[Labels.managedBy] != Labels.managedByValue {
            return "\(target) exists but is not managed by tenantctl (no \(Labels.managedBy): tenantctl label)"
        }
        return nil
    }

    /// Whether `desired` is shared by the cluster's tenants: tenantctl manages it but no one tenant owns it (the
    /// system node pool, the secure RuntimeClass).
    static func isShared(desired: JSONValue, target: PlannedChange.Target) -> Bool {
        let wanted = labels(desired, target)
        return wanted[Labels.managedBy] != nil && wanted[Labels.tenant] == nil
    }

    private static func labels(_ value: JSONValue, _ target: PlannedChange.Target) -> [String: String] {
        let raw: JSONValue?
        switch target {
        case .object: raw = value["metadata"]?["labels"]
        case .cloud(let key):
            switch key.resource {
            case .nodePool: raw = value["spec"]?["nodeTemplate"]?["k8sTags"]
            case .cluster:
                let tag = value["spec"]?["clusterTags"]?.arrayValue?.first {
                    $0["key"]?.stringValue == TenantMarks.clusterTag
                }
                return tag?["value"]?.stringValue.map { [Labels.tenant: $0, Labels.managedBy: Labels.managedByValue] }
                    ?? [:]
            case .addon: return [:]
            }
        }
        return raw?.objectValue?.compactMapValues(\.stringValue) ?? [:]
    }
}
