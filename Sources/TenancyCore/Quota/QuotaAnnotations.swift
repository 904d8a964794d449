/// The annotations on every ResourceQuota tenantctl writes for a tenant: its total (`tenantctl.io/quota-total`, what
/// the audit adds the namespaces' shares up against) and where the shares come from (`tenantctl.io/quota-shares`:
/// `spec`, or `rebalanced BASIS` for a rebalance made while the spec's shares had the fingerprint BASIS).
public enum QuotaAnnotations {
    public static let total = "tenantctl.io/quota-total"
    public static let shares = "tenantctl.io/quota-shares"

    static func values(_ allocation: QuotaAllocation) -> [String: String] {
        [total: allocation.total.description, shares: origin(allocation.origin)]
    }

    static func origin(_ origin: QuotaAllocation.Origin) -> String {
        switch origin {
        case .spec: return "spec"
        case .rebalanced(let basis): return "rebalanced \(basis)"
        }
    }

    /// The total a `tenantctl.io/quota-total` annotation states (`cpu 8, memory 32Gi, …`); nil when it is not one.
    public static func total(_ text: String) -> QuotaAmounts? {
        var amounts = QuotaAmounts()
        for part in text.split(separator: ",") {
            let words = part.split(separator: " ")
            guard words.count == 2, let resource = QuotaResource(rawValue: String(words[0])),
                let units = resource.units(text: String(words[1]))
            else { return nil }
            amounts[resource] = units
        }
        return amounts.values.isEmpty ? nil : amounts
    }
}
