import Foundation
import JSON
import Testing

@testable import TenancyCore

/// A plan read back from its JSON (as saved plans and journals hold it) is the plan that was written, also
/// after the JSON went through text.
@Suite struct PlanDecodingTests {
    @Test(arguments: Onboarding.tenants)
    func everyExamplePlanRoundTrips(tenant: String) throws {
        let onboarding = try Onboarding.load()
        let inputs = try onboarding.inputs(tenant)
        let plan = TenantPlanner.plan(inputs, steps: try TenantPlanner.render(inputs), live: LiveState(), offline: true)
        #expect(try Plan(json: plan.json) == plan)
        let text = try JSONDecoder().decode(JSONValue.self, from: plan.json.jsonData())
        #expect(try Plan(json: text) == plan)
    }

    @Test func somethingElseIsRefused() {
        #expect(throws: PlanDecodingError.self) { try Plan(json: ["tenant": "x"]) }
    }
}
