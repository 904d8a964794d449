import Foundation
import Testing

@testable import JSON
@testable import TenancyCore

/// A plan's JSON (what reports print, and saved plans and journals hold) reads back as the plan that was written,
/// also after going through text; a report streams it without building it; and what its encoding would never
/// write is refused, saying where and why.
@Suite struct PlanCodingTests {
    /// Every plan the fixtures make: each example tenant offline; acme converged, drifted (an update with fields
    /// before and after) and with a conflict; an offboarding plan (irreversible deletes, holds); and one with every
    /// member that is written only when set.
    static func fixturePlans() throws -> [Plan] {
        let onboarding = try Onboarding.load()
        var plans = try Onboarding.tenants.map { tenant in
            let inputs = try onboarding.inputs(tenant)
            return TenantPlanner.plan(inputs, steps: try TenantPlanner.render(inputs), live: LiveState(), offline: true)
        }
        let (inputs, steps) = try ConvergedPlanTests.acme()
        var live = try ConvergedPlanTests.converged(steps)
        plans.append(TenantPlanner.plan(inputs, steps: steps, live: live, offline: false))
        let quota = ObjectKey(apiVersion: "v1", kind: "ResourceQuota", namespace: "acme-web", name: "tenant-quota")
        live.objects[quota]?["spec"]?["hard"]?["requests.cpu"] = "3"
        live.objects[ObjectKey(apiVersion: "v1", kind: "Namespace", namespace: nil, name: "acme-data")]?["metadata"]?[
            "labels"] = [:]
        plans.append(TenantPlanner.plan(inputs, steps: steps, live: live, offline: false))
        var footprint = OffboardingPlannerTests.footprint()
        footprint.contents["acme-web"] = [
            [
                "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": ["name": "d", "namespace": "acme-web"], "spec": [:],
            ]
        ]
        plans.append(
            try OffboardingPlanner.plan(
                footprint, playbook: OffboardingPlannerTests.playbook(), facts: OffboardingPlannerTests.facts))
        var every = plans[0]
        every.changes[0].message = "held"
        every.changes[0].adopt = true
        every.changes[0].irreversible = true
        every.changes[0].holds = [Holding(kind: .data, object: "PersistentVolumeClaim a/b", detail: "20Gi on csi-disk")]
        every.offboarding = true
        return plans + [every]
    }

    @Test func everyFixturePlanRoundTrips() throws {
        let plans = try Self.fixturePlans()
        #expect(Set(plans.flatMap { $0.changes.map(\.action) }) == Set(PlannedChange.Action.allCases))
        for plan in plans {
            let json = try JSONValue(encoding: plan)
            #expect(try json.decode(as: Plan.self) == plan, "\(plan.tenant)")
            #expect(try JSONValue.parse(json.jsonString(pretty: true)).decode(as: Plan.self) == plan, "\(plan.tenant)")
        }
    }

    /// A report writes each plan as its encoding runs, never building it (members are encoded in key order), and
    /// writes exactly the plan's JSON.
    @Test(arguments: [false, true])
    func aPlanStreamsAsItsJSON(pretty: Bool) throws {
        for plan in try Self.fixturePlans() {
            var writer = JSONWriter(pretty: pretty)
            #expect(try writer.stream(plan), "\(plan.tenant) streams")
            #expect(
                String(decoding: writer.bytes, as: UTF8.self)
                    == (try JSONValue(encoding: plan)).jsonString(pretty: pretty))
        }
    }

    /// What the encoding never writes, each refused at its path: (member to change, its new value or nil to remove
    /// it, what the error says).
    static let refusals: [(path: [String], value: JSONValue?, says: String)] = [
        (["tenant"], nil, #"tenant: missing required key "tenant""#),
        (["offline"], "yes", #"offline: expected true or false, found the string "yes""#),
        (["isolation"], "hybrid", #"isolation: expected one of logical, physical, found the string "hybrid""#),
        (
            ["kubernetes", "version"], "1.31",
            #"kubernetes.version: expected a Kubernetes version such as v1.31, found "1.31""#
        ),
        (
            ["kubernetes", "factsFrom"], "guessed",
            #"kubernetes.factsFrom: expected one of discovered, assumed, found the string "guessed""#
        ),
        (["notes"], [1], "notes[0]: expected a string, found the number 1"),
        (["changes"], "none", #"changes: expected an array, found the string "none""#),
        (
            ["changes", "0", "action"], "explode",
            #"changes[0].action: expected one of create, update, delete, no-op, conflict, found the string "explode""#
        ),
        (
            ["changes", "0", "target", "type"], "ftp",
            #"changes[0].target.type: expected one of kubernetes, cloud, found the string "ftp""#
        ),
        (["changes", "1", "target", "name"], nil, #"changes[1].target.name: missing required key "name""#),
        (
            ["changes", "0", "target", "resource"], "vm",
            #"changes[0].target.resource: expected one of nodePool, cluster, addon, found the string "vm""#
        ),
        (["changes", "0", "desired"], nil, #"changes[0].desired: missing required key "desired""#),
        (
            ["changes", "0", "fields", "0", "path"], 5,
            "changes[0].fields[0].path: expected a string, found the number 5"
        ),
        (
            ["changes", "0", "holds"], [["kind": "gold", "object": "x", "detail": "y"]],
            #"changes[0].holds[0].kind: expected one of data, money, finalizer, found the string "gold""#
        ),
        (["changes", "0", "adopt"], 1, "changes[0].adopt: expected true or false, found the number 1"),
    ]

    @Test(arguments: refusals)
    func whatTheEncodingNeverWritesIsRefused(path: [String], value: JSONValue?, says: String) throws {
        let plan = try Self.fixturePlans()[0]  // acme: its first change is the system node pool, a cloud target
        let json = Self.replacing(try JSONValue(encoding: plan), at: path[...], with: value)
        #expect {
            try json.decode(as: Plan.self)
        } throws: { error in
            "\(error)" == says
        }
    }

    /// `json` with the member at `path` (object keys, and array indices as numbers) set to `value`, or removed.
    static func replacing(_ json: JSONValue, at path: ArraySlice<String>, with value: JSONValue?) -> JSONValue {
        guard let step = path.first else { return value ?? .null }
        switch json {
        case .array(var items):
            guard let index = Int(step), items.indices.contains(index) else { return json }
            items[index] = replacing(items[index], at: path.dropFirst(), with: value)
            return .array(items)
        case .object(var members):
            if path.count == 1, value == nil {
                members[step] = nil
            } else {
                members[step] = replacing(members[step] ?? .null, at: path.dropFirst(), with: value)
            }
            return .object(members)
        default: return json
        }
    }
}
