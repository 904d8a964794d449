import JSON
import Testing

@testable import TenancyCore

/// A saved plan holds only while planning again gives exactly its changes; what moved is said in words.
@Suite struct PlanStalenessTests {
    static func plan(_ tenant: String) throws -> Plan {
        let inputs = try Onboarding.load().inputs(tenant)
        return TenantPlanner.plan(inputs, steps: try TenantPlanner.render(inputs), live: LiveState(), offline: true)
    }

    @Test func theSamePlansHold() throws {
        let plans = try Onboarding.tenants.map(Self.plan)
        #expect(try Plan.staleness(saved: plans, fresh: plans) == nil)
    }

    @Test func otherTenantsOrStepsAreStale() throws {
        let plan = try Self.plan(Onboarding.tenants[0])
        #expect(try Plan.staleness(saved: [plan], fresh: []) == "the tenants planned differ")
        var fewer = plan
        fewer.changes.removeLast()
        #expect(try Plan.staleness(saved: [plan], fresh: [fewer]) == "\(plan.tenant): the steps differ")
    }

    @Test func aMovedObjectIsNamedWithItsResourceVersion() throws {
        let plan = try Self.plan(Onboarding.tenants[0])
        var moved = plan
        moved.changes[0].resourceVersion = "42"
        let change = plan.changes[0]
        #expect(
            try Plan.staleness(saved: [plan], fresh: [moved])
                == "\(plan.tenant): \(change.id) (\(change.target)) was planned as \(change.action.rawValue) at resourceVersion none, is now \(change.action.rawValue) at 42"
        )
    }

    @Test func anEditedBodyIsNamedByItsMembers() throws {
        let plan = try Self.plan(Onboarding.tenants[0])
        var edited = plan
        edited.changes[0].message = "edited"
        let reason = try #require(try Plan.staleness(saved: [edited], fresh: [plan]))
        #expect(
            reason.hasSuffix(
                "differs from what planning again gives in message: the file was edited, or an input moved"),
            "\(reason)")
    }
}
