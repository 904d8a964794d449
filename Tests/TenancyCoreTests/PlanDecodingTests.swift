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

    /// The plan streamed into bytes (as a report prints it) is its value written, in either layout; with a
    /// message, holds, adoption and irreversibility too, which the example plans lack.
    @Test(arguments: Onboarding.tenants)
    func aPlanStreamedIsItsValueWritten(tenant: String) throws {
        let onboarding = try Onboarding.load()
        let inputs = try onboarding.inputs(tenant)
        var plan = TenantPlanner.plan(inputs, steps: try TenantPlanner.render(inputs), live: LiveState(), offline: true)
        plan.changes[0].message = "held"
        plan.changes[0].adopt = true
        plan.changes[0].irreversible = true
        plan.changes[0].holds = [Holding(kind: .data, object: "PersistentVolumeClaim a/b", detail: "20Gi on csi-disk")]
        plan.offboarding = true
        for pretty in [false, true] {
            var writer = JSONWriter(pretty: pretty)
            plan.encode(into: &writer)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == plan.json.jsonString(pretty: pretty))
        }
        #expect(try Plan(json: plan.json) == plan)
    }

    @Test func somethingElseIsRefused() {
        #expect(throws: PlanDecodingError.self) { try Plan(json: ["tenant": "x"]) }
    }
}
