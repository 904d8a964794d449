import Foundation
import Testing

@testable import JSON
@testable import TenancyCore

/// A saved plan records what it was made from by name — its inputs and the digests of the files read — and reads
/// back only as `tenantctl plan --out` writes it.
@Suite struct SavedPlanTests {
    static let inputs = SavedPlan.Inputs(
        specs: ["/work/Tenants"], playbook: "/work/Playbooks/onboarding.yaml", inventory: nil,
        catalog: "/work/Playbooks/catalog.yaml", kubeconfig: nil, adopt: false, rebalanceQuota: true)
    static let digests = [
        SavedPlan.Digest(path: "/work/Tenants/acme.yaml", sha256: String(repeating: "a", count: 64)),
        SavedPlan.Digest(path: "/work/Playbooks/onboarding.yaml", sha256: String(repeating: "b", count: 64)),
    ]

    static func saved() throws -> SavedPlan {
        SavedPlan(inputs: inputs, digests: digests, plans: try PlanCodingTests.fixturePlans())
    }

    @Test func itRoundTripsAndStreams() throws {
        let saved = try Self.saved()
        let json = try JSONValue(encoding: saved)
        #expect(json.objectValue?.keys.sorted() == ["apiVersion", "digests", "inputs", "kind", "plans", "summary"])
        #expect(json["apiVersion"] == "tenantctl.io/v1" && json["kind"] == "SavedPlan")
        #expect(
            json["inputs"] == [
                "specs": ["/work/Tenants"], "playbook": "/work/Playbooks/onboarding.yaml", "inventory": nil,
                "catalog": "/work/Playbooks/catalog.yaml", "kubeconfig": nil, "adopt": false,
                "rebalanceQuota": true,
            ])
        #expect(json["summary"]?["create"] == .int(Int64(saved.plans.reduce(0) { $0 + $1.count(.create) })))
        #expect(try json.decode(as: SavedPlan.self) == saved)
        var writer = JSONWriter()
        #expect(try writer.stream(saved))
        #expect(String(decoding: writer.bytes, as: UTF8.self) == json.jsonString())
    }

    @Test func anotherVersionOrTheOlderFormIsUnusable() throws {
        var json = try JSONValue(encoding: Self.saved())
        json["apiVersion"] = "tenantctl.io/v9"
        #expect(
            throws: SavedPlan.Unusable(
                description: "has apiVersion tenantctl.io/v9; this tenantctl reads tenantctl.io/v1: plan again")
        ) {
            try json.decode(as: SavedPlan.self)
        }
        json["apiVersion"] = "tenantctl.io/v1"
        json["arguments"] = [
            "inputs": ["Tenants/acme.yaml", "--playbook", "Playbooks/onboarding.yaml"], "kubeconfig": nil,
            "adopt": false,
        ]
        json["inputs"] = [["path": "Tenants/acme.yaml", "sha256": "00"]]
        #expect(
            throws: SavedPlan.Unusable(
                description: "records its inputs in an older form (the command line); plan again to save it in this one"
            )
        ) {
            try json.decode(as: SavedPlan.self)
        }
    }

    /// Inputs that are not what `plan --out` writes: option-like or relative paths, wrong types, another kind.
    static let refusals: [(member: String, value: JSONValue, says: String)] = [
        ("specs", ["--kubeconfig", "/tmp/x"], #"inputs.specs[0]: expected an absolute path, found "--kubeconfig""#),
        (
            "specs", ["/work/Tenants/../../etc"],
            #"inputs.specs[0]: expected an absolute path, found "/work/Tenants/../../etc""#
        ),
        (
            "playbook", "Playbooks/onboarding.yaml",
            #"inputs.playbook: expected an absolute path, found "Playbooks/onboarding.yaml""#
        ),
        ("kubeconfig", 7, "inputs.kubeconfig: expected a string, found the number 7"),
        ("adopt", "yes", #"inputs.adopt: expected true or false, found the string "yes""#),
        ("rebalanceQuota", nil, "inputs.rebalanceQuota: expected true or false, found null"),
        ("specs", "/work/Tenants", #"inputs.specs: expected an array, found the string "/work/Tenants""#),
    ]

    @Test(arguments: refusals)
    func inputsItWouldNeverWriteAreRefused(member: String, value: JSONValue, says: String) throws {
        var json = try JSONValue(encoding: Self.saved())
        json["inputs"]?[member] = value
        #expect {
            try json.decode(as: SavedPlan.self)
        } throws: { error in
            "\(error)" == says
        }
    }

    @Test func aPlanReportIsNotASavedPlan() throws {
        var json = try JSONValue(encoding: Self.saved())
        json["kind"] = "PlanReport"
        #expect {
            try json.decode(as: SavedPlan.self)
        } throws: { error in
            "\(error)" == #"kind: expected one of SavedPlan, found the string "PlanReport""#
        }
    }

    @Test func anInputThatMovedIsNamed() throws {
        let saved = try Self.saved()
        let now = Dictionary(uniqueKeysWithValues: Self.digests.map { ($0.path, $0.sha256) })
        #expect(saved.movedInput { now[$0] } == nil)
        #expect(
            saved.movedInput { $0.hasSuffix("acme.yaml") ? "c" : now[$0] }
                == "/work/Tenants/acme.yaml changed since the plan was made")
        #expect(
            saved.movedInput { $0.hasSuffix("acme.yaml") ? nil : now[$0] }
                == "/work/Tenants/acme.yaml changed since the plan was made")
    }

    @Test func aFileWithoutADigestIsNamedBeforeItIsRead() throws {
        let saved = try Self.saved()
        #expect(saved.unrecordedInput(["/work/Tenants/acme.yaml", "/work/Playbooks/onboarding.yaml"]) == nil)
        #expect(
            saved.unrecordedInput(["/work/Tenants/acme.yaml", "/etc/shadow"])
                == "/etc/shadow was not an input when the plan was made")
    }
}
