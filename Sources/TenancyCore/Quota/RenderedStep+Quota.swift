import JSON

extension Array where Element == RenderedStep {
    /// The ResourceQuota objects among the steps that hold a share of the tenant's total (those annotated with
    /// `tenantctl.io/quota-shares`), by namespace.
    public var quotaKeys: [String: ObjectKey] {
        var keys: [String: ObjectKey] = [:]
        for step in self {
            guard case .kubernetes(.present, let object) = step.action, object["kind"] == "ResourceQuota",
                object["metadata"]?["annotations"]?[QuotaAnnotations.shares] != nil,
                let key = ObjectKey(object: object), let namespace = key.namespace
            else { continue }
            keys[namespace] = key
        }
        return keys
    }

    /// The live objects of `quotaKeys`, by namespace; a namespace without one is left out.
    public func liveQuotas(in live: [ObjectKey: JSONValue]) -> [String: JSONValue] {
        quotaKeys.compactMapValues { live[$0] }
    }
}
