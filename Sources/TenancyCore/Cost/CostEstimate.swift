import Foundation

/// What both options cost one tenant, itemised, in the catalog's currency.
public struct CostComparison: Sendable, Hashable {
    public var currency: String
    /// The shared-node utilisation the shares assume, in (0, 1].
    public var utilization: Decimal
    public var logical: OptionCost
    public var physical: OptionCost

    public init(currency: String, utilization: Decimal, logical: OptionCost, physical: OptionCost) {
        self.currency = currency
        self.utilization = utilization
        self.logical = logical
        self.physical = physical
    }

    public func option(_ isolation: Decision.Isolation) -> OptionCost { isolation == .logical ? logical : physical }

    /// Physical minus logical, per month (negative when the tenant's own cluster is cheaper).
    public var monthlyDifference: Decimal { physical.monthly - logical.monthly }
    public var hourlyDifference: Decimal { physical.hourly - logical.hourly }
}

/// One option's cost: its items and their sums.
public struct OptionCost: Sendable, Hashable {
    public var isolation: Decision.Isolation
    public var items: [CostItem]
    /// Why an item could not be priced (an unknown flavor, a missing inventory field: errors, left out of
    /// the sums) and doubts about the figures (warnings).
    public var problems: [Reason]

    public init(isolation: Decision.Isolation, items: [CostItem], problems: [Reason] = []) {
        self.isolation = isolation
        self.items = items
        self.problems = problems
    }

    /// Whether every item was priced (warnings, such as another region's prices, do not count).
    public var isComplete: Bool { !problems.contains { $0.kind == .error } }
    public var hourly: Decimal { items.reduce(Decimal(0)) { $0 + $1.hourly } }
    public var monthly: Decimal { hourly * PriceCatalog.hoursPerMonth }
}

/// One line of an estimate: what is paid for, how the figure was reached, and the hourly amount.
public struct CostItem: Sendable, Hashable {
    /// What an item pays for; the raw values are the JSON report's `kind`.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case clusterManagement = "cluster-management"
        case clusterManagementShare = "cluster-management-share"
        case sharedNodesShare = "shared-nodes-share"
        case dedicatedNodes = "dedicated-nodes"
        case secureRuntimeOverhead = "secure-runtime-overhead"
    }

    public var kind: Kind
    /// What is paid for: `3 × c7.2xlarge.2 at 0.32/h`.
    public var label: String
    /// How the amount was derived, when it is not plain from the label.
    public var basis: String?
    /// Exact; rounded only when shown.
    public var hourly: Decimal
    /// False when a price it uses is an unconfirmed catalog default.
    public var confirmed: Bool

    public init(kind: Kind, label: String, basis: String? = nil, hourly: Decimal, confirmed: Bool) {
        self.kind = kind
        self.label = label
        self.basis = basis
        self.hourly = hourly
        self.confirmed = confirmed
    }

    public var monthly: Decimal { hourly * PriceCatalog.hoursPerMonth }
}
