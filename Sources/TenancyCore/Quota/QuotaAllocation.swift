import JSON

/// How a tenant's total (`spec.quota`) is divided among its namespaces: each namespace's share, in units.
///
/// The rule, for each resource on its own: a namespace with an explicit share (`namespaces: [{name, quota}]`) gets
/// it; the others split what is left evenly in the resource's unit (millicores, bytes, objects), the remainder one
/// unit each to the first of them in the spec's order (pods 10 over three namespaces is 4, 3, 3). A total that is
/// not a whole number of units is rounded down first. So the shares add up to the total exactly, or to less when
/// every namespace's share is explicit — never to more, and the server enforces each share, so the total holds.
public struct QuotaAllocation: Sendable, Hashable {
    /// Where the shares come from.
    public enum Origin: Sendable, Hashable {
        /// The spec: explicit shares and the even split of the rest.
        case spec
        /// A rebalance toward use (`plan --rebalance-quota`), made while the spec's shares had `basis`.
        case rebalanced(basis: String)
    }

    public var total: QuotaAmounts
    /// The namespaces in the spec's order.
    public var namespaces: [String]
    public var shares: [String: QuotaAmounts]
    public var origin: Origin

    public init(total: QuotaAmounts, namespaces: [String], shares: [String: QuotaAmounts], origin: Origin) {
        self.total = total
        self.namespaces = namespaces
        self.shares = shares
        self.origin = origin
    }

    /// The spec's division of its total.
    public init(_ spec: TenantSpec) {
        let total = spec.quota.amounts
        var shares = Dictionary(spec.namespaces.map { ($0, QuotaAmounts()) }, uniquingKeysWith: { first, _ in first })
        for resource in QuotaResource.allCases {
            let amount = total[resource] ?? 0
            let open = spec.namespaces.filter { spec.quotaShares[$0]?[resource] == nil }
            let explicit = spec.namespaces.reduce(Int64(0)) { sum, ns in
                sum.addingClamped(spec.quotaShares[ns]?[resource] ?? 0)
            }
            for (namespace, part) in zip(open, Self.split(max(0, amount - explicit), into: open.count)) {
                shares[namespace]?[resource] = part
            }
            for namespace in spec.namespaces {
                if let given = spec.quotaShares[namespace]?[resource] { shares[namespace]?[resource] = given }
            }
        }
        self.init(total: total, namespaces: spec.namespaces, shares: shares, origin: .spec)
    }

    /// `amount` in `count` parts as even as whole units allow, the larger ones first: 10 into 3 is 4, 3, 3.
    public static func split(_ amount: Int64, into count: Int) -> [Int64] {
        guard count > 0 else { return [] }
        let (part, remainder) = amount.quotientAndRemainder(dividingBy: Int64(count))
        return (0..<count).map { part + ($0 < remainder ? 1 : 0) }
    }

    /// What the shares add up to, per resource.
    public var allocated: QuotaAmounts {
        var sum = QuotaAmounts()
        for resource in QuotaResource.allCases {
            sum[resource] = namespaces.reduce(Int64(0)) { $0.addingClamped(shares[$1]?[resource] ?? 0) }
        }
        return sum
    }

    /// The share of `namespace` as a ResourceQuota `spec`.
    public func quotaSpec(_ namespace: String) -> [String: JSONValue] {
        ["hard": .object(shares[namespace]?.hard ?? [:])]
    }

    /// A short fingerprint of the total and every share (FNV-1a, 64 bits, in hex): a rebalance records the spec's,
    /// and is kept only while the spec's shares have the same one.
    public var basis: String {
        let text = ([total.description] + namespaces.map { "\($0): \(shares[$0]?.description ?? "")" }).joined(
            separator: "; ")
        let hash = text.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension Int64 {
    /// The sum, held at `Int64.max` instead of overflowing (shares of absurd totals stay ordered, never trap).
    func addingClamped(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
