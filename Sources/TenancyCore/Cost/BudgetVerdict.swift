import Foundation

/// The chosen option's monthly cost against the tenant's budget. Over budget is an error that names what
/// would fit; tenantctl never weakens isolation to fit a budget.
public struct BudgetVerdict: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// The spec gives no budget.
        case none
        case within
        /// The chosen option is over, but the required (weaker, still sufficient) one would fit.
        case over
        /// Even the required isolation costs more than the budget.
        case requiredDoesNotFit = "required-does-not-fit"
        /// No comparison: another currency, or an incomplete estimate.
        case unknown
    }

    public var kind: Kind
    /// The monthly budget, when the spec gives one.
    public var budget: Decimal?
    /// Headroom when within; the excess when over or not fitting.
    public var amount: Decimal?
    /// The verdict as a sentence, for the reasons and the reports.
    public var reason: Reason

    public init(kind: Kind, budget: Decimal?, amount: Decimal?, reason: Reason) {
        self.kind = kind
        self.budget = budget
        self.amount = amount
        self.reason = reason
    }

    static func judge(
        _ budget: TenantSpec.Budget?, cost: CostComparison, required: Decision.Isolation, chosen: Decision.Isolation
    ) -> BudgetVerdict {
        let fields: [FieldRef] = [.spec("budget", "monthly")]
        guard let budget else {
            return BudgetVerdict(
                kind: .none, budget: nil, amount: nil,
                reason: Reason(.budget, [], [.spec("budget")], "the spec gives no budget"))
        }
        let limit = budget.monthly
        func verdict(
            _ kind: Kind, _ amount: Decimal?, _ reasonKind: Reason.Kind, _ text: String, _ extra: [FieldRef] = []
        ) -> BudgetVerdict {
            BudgetVerdict(
                kind: kind, budget: limit, amount: amount, reason: Reason(reasonKind, .budget, [], fields + extra, text)
            )
        }
        let money = { (amount: Decimal) in "\(DecimalFormat.fixed(amount, places: 2)) \(cost.currency)" }
        guard budget.currency == cost.currency else {
            return verdict(
                .unknown, nil, .error,
                "the budget is in \(budget.currency) but prices are in \(cost.currency); they cannot be compared",
                [.spec("budget", "currency")])
        }
        let option = cost.option(chosen)
        guard option.isComplete else {
            return verdict(
                .unknown, nil, .error,
                "the \(chosen.rawValue) estimate is incomplete (see the cost errors), so it cannot be compared with the budget"
            )
        }
        let monthly = option.monthly
        if monthly <= limit {
            return verdict(
                .within, limit - monthly, .reason,
                "within budget: \(chosen.rawValue) isolation costs \(money(monthly))/month of \(money(limit)), leaving \(money(limit - monthly))"
            )
        }
        let requiredCost = cost.option(required)
        var needed = monthly
        if chosen != required {
            guard chosen > required, requiredCost.isComplete, requiredCost.monthly > limit else {
                let alternative =
                    chosen > required && requiredCost.isComplete
                    ? "; logical isolation meets every requirement at \(money(requiredCost.monthly)) — set isolation to auto, or raise the budget"
                    : ""
                return verdict(
                    .over, monthly - limit, .error,
                    "over budget by \(money(monthly - limit)): the chosen \(chosen.rawValue) isolation costs \(money(monthly))/month against \(money(limit))\(alternative)",
                    [.spec("isolation")])
            }
            needed = requiredCost.monthly
        }
        return verdict(
            .requiredDoesNotFit, needed - limit, .error,
            "the required isolation does not fit the budget: \(required.rawValue) isolation costs \(money(needed))/month, \(money(needed - limit)) over the \(money(limit)) budget; raise the budget (tenantctl does not weaken isolation to fit one)"
        )
    }
}
