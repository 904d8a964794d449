import Foundation
import Testing

@testable import TenancyCore

/// The budget verdict: within, over (when a weaker option that still meets every requirement would fit),
/// or "the required isolation does not fit the budget"; never a silent downgrade.
@Suite struct CostBudgetTests {
    typealias F = DecisionFixtures

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var spec: TenantSpec
        var options = DecideOptions()
        var kind: BudgetVerdict.Kind
        var amount: String?
        var isolation: Decision.Isolation
        var text: String
        var testDescription: String { name }
    }

    static func budget(_ monthly: Int, _ currency: String = "USD") -> TenantSpec.Budget {
        TenantSpec.Budget(monthly: Decimal(monthly), currency: currency)
    }

    // The base spec costs 912.50/month logical and 1241.00/month physical (see CostEstimateTests).
    static let cases: [Case] = [
        Case(
            name: "within: 1000 − 912.50 = 87.50 to spare", spec: F.spec { $0.budget = budget(1000) }, kind: .within,
            amount: "87.5",
            isolation: .logical,
            text: "within budget: logical isolation costs 912.50 USD/month of 1000.00 USD, leaving 87.50 USD"),
        Case(
            name: "the required isolation does not fit: 912.50 − 900 = 12.50 over",
            spec: F.spec { $0.budget = budget(900) },
            kind: .requiredDoesNotFit, amount: "12.5", isolation: .logical,
            text:
                "the required isolation does not fit the budget: logical isolation costs 912.50 USD/month, 12.50 USD over the 900.00 USD budget"
        ),
        Case(
            name: "explicit physical over budget while logical would fit: 1241 − 1000 = 241 over",
            spec: F.spec {
                $0.isolation = .physical; $0.budget = budget(1000)
            }, kind: .over, amount: "241", isolation: .physical,
            text:
                "over budget by 241.00 USD: the chosen physical isolation costs 1241.00 USD/month against 1000.00 USD; logical isolation meets every requirement at 912.50 USD"
        ),
        Case(
            name: "explicit physical while even logical is over: 912.50 − 900 = 12.50",
            spec: F.spec {
                $0.isolation = .physical; $0.budget = budget(900)
            }, kind: .requiredDoesNotFit, amount: "12.5",
            isolation: .physical,
            text: "the required isolation does not fit the budget: logical isolation costs 912.50 USD/month"),
        Case(
            name: "required physical over budget stays physical: 1241 − 1200 = 41",
            spec: F.spec {
                $0.compliance = ["dedicated-control-plane"]; $0.budget = budget(1200)
            }, kind: .requiredDoesNotFit,
            amount: "41", isolation: .physical,
            text:
                "physical isolation costs 1241.00 USD/month, 41.00 USD over the 1200.00 USD budget; raise the budget (tenantctl does not weaken isolation to fit one)"
        ),
        Case(
            name: "a weaker isolation accepted with --allow-weaker can still be over",
            spec: F.spec {
                $0.compliance = ["dedicated-control-plane"]; $0.isolation = .logical; $0.budget = budget(900)
            },
            options: DecideOptions(allowWeaker: true), kind: .over, amount: "12.5", isolation: .logical,
            text: "over budget by 12.50 USD: the chosen logical isolation costs 912.50 USD/month against 900.00 USD"),
        Case(
            name: "no budget", spec: F.spec(), kind: .none, amount: nil, isolation: .logical,
            text: "the spec gives no budget"),
        Case(
            name: "another currency cannot be compared", spec: F.spec { $0.budget = budget(5000, "EUR") },
            kind: .unknown, amount: nil,
            isolation: .logical, text: "the budget is in EUR but prices are in USD"),
    ]

    @Test(arguments: cases)
    func verdict(_ c: Case) {
        let decision = F.decide(c.spec, c.options)
        #expect(decision.isolation == c.isolation, "the budget must never change the isolation")
        #expect(decision.budget.kind == c.kind)
        #expect(decision.budget.amount == c.amount.map(CostEstimateTests.amount))
        #expect(decision.budget.reason.text.contains(c.text), "\(decision.budget.reason.text)")
        let blocks = c.kind == .over || c.kind == .requiredDoesNotFit || c.kind == .unknown
        #expect(decision.budget.reason.kind == (blocks ? .error : .reason))
        #expect(decision.placeable == !blocks)
    }
}
