import Foundation
import JSON
import TestSupport
import Testing

/// Every rule of a tenant's rendered admission policies, evaluated with a CEL runtime (PyPI cel-expr-python,
/// installed by scripts/setup) over the fixtures: each admitted object passes every rule of the policy that
/// matches its kind, each refused one fails exactly the rules named for it, and no rule errs; where a rule has a
/// `messageExpression`, the refusal it gives names what was refused.
@Suite struct AdmissionPolicyCELTests {
    /// A rendered policy: the resources it matches and its validations.
    struct Policy {
        var name: String
        var resources: [String]
        var validations: [(expression: String, message: String, messageExpression: String?)]
    }

    /// `tenantctl render -o json` for an E2E tenant with the fixtures' admission, offline; its policies.
    static func renderedPolicies(_ tenant: E2ETenant) throws -> [Policy] {
        let cli = try CommandRunner(workingDirectory: E2ETenant.repository)
        let rendered = try cli.run(["render", tenant.spec, "--inventory", tenant.inventory, "-o", "json"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        return (try JSONValue.parse(rendered.stdout)["items"]?.arrayValue ?? [])
            .filter { $0["kind"] == "ValidatingAdmissionPolicy" }
            .map { policy in
                Policy(
                    name: policy.value(at: ["metadata", "name"])?.stringValue ?? "",
                    resources: (policy.value(at: ["spec", "matchConstraints", "resourceRules"])?.arrayValue ?? [])
                        .flatMap { $0["resources"]?.arrayValue ?? [] }.compactMap(\.stringValue),
                    validations: (policy.value(at: ["spec", "validations"])?.arrayValue ?? []).map {
                        (
                            $0["expression"]?.stringValue ?? "", $0["message"]?.stringValue ?? "",
                            $0["messageExpression"]?.stringValue
                        )
                    })
            }
    }

    @Test func everyRuleAdmitsAndRefusesTheFixturesAsNamed() async throws {
        let tenant = try E2ETenant(admission: AdmissionFixtures.admission)
        defer { tenant.remove() }
        let policies = try await onOwnThread { try Self.renderedPolicies(tenant) }
        #expect(
            policies.map(\.name)
                == ["pods", "claims", "ingresses", "services"].map { "tenantctl-\(tenant.name)-\($0)" })
        let cel = try await CELEvaluator()
        let cases = AdmissionFixtures.cases(tenant: tenant.name)
        var refusing: [String: Int] = [:]
        var shown: Set<String> = []
        for policy in policies {
            let matched = cases.filter { fixture in
                AdmissionFixtures.resource(of: fixture.object).map { policy.resources.contains($0) } ?? false
            }
            #expect(!matched.isEmpty, "no fixture for \(policy.name)")
            let outcomes = try await cel.evaluate(policy.validations.map(\.expression), objects: matched.map(\.object))
            let texts = try await cel.evaluate(
                policy.validations.map { $0.messageExpression ?? "''" }, objects: matched.map(\.object))
            for (index, fixture) in matched.enumerated() {
                var failed: [String] = []
                for ((rule, row), text) in zip(zip(policy.validations, outcomes), texts) {
                    switch row[index] {
                    case .value(true): continue
                    case .value(false): failed.append(rule.message)
                    case .text, .error: Issue.record("\(fixture): \(rule.message): \(row[index])")
                    }
                    guard rule.messageExpression != nil else { continue }
                    guard case .text(let refusal) = text[index], let names = fixture.names else {
                        Issue.record("\(fixture): the message of \(rule.message) names nothing: \(text[index])")
                        continue
                    }
                    #expect(refusal.contains(names), "\(fixture): \(refusal)")
                    #expect(refusal.hasPrefix("tenant \(tenant.name): "), "\(fixture): \(refusal)")
                    #expect(
                        fixture.refusedBy.contains {
                            refusal.hasSuffix($0.rawValue) && rule.message.hasSuffix($0.rawValue)
                        },
                        "\(fixture): \(refusal) names another rule than \(rule.message)")
                    shown.insert(fixture.name)
                }
                for message in failed { refusing[message, default: 0] += 1 }
                let named = fixture.refusedBy.map(\.rawValue)
                #expect(
                    failed.count == named.count
                        && named.allSatisfy { fragment in failed.contains { $0.contains(fragment) } },
                    "\(fixture): refused by \(failed), expected \(named)")
                #expect(failed.allSatisfy { $0.contains("tenant \(tenant.name)") || !$0.contains("spec.admission") })
            }
        }
        // Every fixture that says what its refusal names was refused by a rule that names it.
        #expect(Set(cases.filter { $0.names != nil }.map(\.name)) == shown)
        // Every rule refuses some fixture, so none is always true.
        let messages = policies.flatMap(\.validations).map(\.message)
        #expect(messages.filter { refusing[$0] == nil } == [])
        #expect(Set(AdmissionFixtures.Rule.allCases.map(\.rawValue)) == Set(cases.flatMap(\.refusedBy).map(\.rawValue)))
    }

    @Test func theRuntimeIsThePinnedOne() async throws {
        let setup = try String(
            contentsOf: E2ETenant.repository.appendingPathComponent("scripts/setup"), encoding: .utf8)
        let cel = try await CELEvaluator()
        #expect(
            setup.contains("cel-expr-python==\(cel.runtimeVersion)"),
            "scripts/setup pins another cel-expr-python than \(cel.runtimeVersion)")
    }
}
