import JSON
import Testing

@testable import TenancyCore

@Suite struct PlaybookReadingTests {
    @Test func readsTheFixtureWithPositions() throws {
        let playbook = try PlaybookSupport.fixture("onboarding.yaml")
        #expect(playbook.name == "onboarding")
        #expect(playbook.steps.map(\.id) == ["ns-quota", "namespaces", "pool", "secure-runtime"])
        #expect(playbook.steps[0].dependsOn == ["namespaces"])
        let mark = playbook.source.mark(of: FieldPath("spec", "steps").appending(index: 2).appending("when"))
        #expect((mark.line, mark.column) == (31, 13))
        guard case .kubernetes(let ensure, let object) = playbook.steps[0].action else {
            Issue.record("expected a kubernetes action")
            return
        }
        #expect(ensure == .present)
        #expect((object.mark.line, object.mark.column) == (13, 11))
        guard case .cloud(let resource, _, _) = playbook.steps[2].action else {
            Issue.record("expected a cloud action")
            return
        }
        #expect(resource == .nodePool)
    }

    @Test func ordersStepsByDependencies() throws {
        let playbook = try PlaybookSupport.fixture("onboarding.yaml")
        #expect(playbook.order.map { playbook.steps[$0].id } == ["namespaces", "ns-quota", "pool", "secure-runtime"])
    }

    @Test func unknownFieldsSuggestTheRightOne() {
        let (playbook, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: a
                      dependOn: [b]
                      kubernetes: {object: {kind: Namespace}}
                """)
        #expect(playbook == nil)
        #expect(
            diagnostics.map(\.description) == [
                "inline.yaml:7:7: error: spec.steps[0].dependOn: unknown field \"dependOn\" (did you mean \"dependsOn\"?)"
            ])
    }

    @Test func aStepNeedsExactlyOneAction() {
        let (_, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: none
                    - id: both
                      kubernetes: {object: {kind: Namespace}}
                      cloud: {addon: {name: x}}
                """)
        #expect(
            diagnostics.map(\.description) == [
                "inline.yaml:6:7: error: spec.steps[0]: a step needs one action: kubernetes or cloud",
                "inline.yaml:9:14: error: spec.steps[1].cloud: a step has exactly one action; found both kubernetes and cloud (split it into two steps)",
            ])
    }

    @Test func namesTheCycle() {
        let (playbook, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: a
                      dependsOn: [c]
                      cloud: {addon: {}}
                    - id: b
                      dependsOn: [a]
                      cloud: {addon: {}}
                    - id: c
                      dependsOn: [ok, b]
                      cloud: {addon: {}}
                    - id: ok
                      cloud: {addon: {}}
                """)
        #expect(playbook == nil)
        #expect(
            diagnostics.map(\.description) == [
                "inline.yaml:7:19: error: spec.steps[0].dependsOn[0]: dependency cycle: a → c → b → a"
            ])
    }

    @Test func unknownAndDuplicateIds() {
        let (_, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: namespaces
                      cloud: {addon: {}}
                    - id: quota
                      dependsOn: [namespace]
                      cloud: {addon: {}}
                    - id: quota
                      cloud: {addon: {}}
                """)
        #expect(
            diagnostics.map(\.description) == [
                "inline.yaml:9:19: error: spec.steps[1].dependsOn[0]: unknown step id \"namespace\" (did you mean \"namespaces\"?)",
                "inline.yaml:11:11: error: spec.steps[2].id: duplicate step id \"quota\"; first used by spec.steps[1]",
            ])
    }

    @Test func syntaxErrorsPointAtTheBadToken() {
        let (_, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: a
                      when: ${tenant.runtime = 'secure'}
                      kubernetes:
                        object: {metadata: {name: "x-${tenant.name"}, labels: "${tenat.name}"}
                """)
        #expect(
            diagnostics.map(\.description) == [
                "inline.yaml:7:30: error: spec.steps[0].when: unexpected character '='",
                "inline.yaml:9:38: error: spec.steps[0].kubernetes.object.metadata.name: unterminated expression: '${' without a closing '}'",
                "inline.yaml:9:66: error: spec.steps[0].kubernetes.object.labels: unknown name \"tenat\" (did you mean \"tenant\"?); an expression starts from tenant, decision, cluster, item, live or a literal",
            ])
    }

    @Test func itemOutsideForEachIsAnError() {
        let (_, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: a
                      kubernetes:
                        object: {kind: Namespace, metadata: {name: "ns-${item}"}}
                """)
        #expect(
            diagnostics.map(\.description) == [
                "inline.yaml:8:52: error: spec.steps[0].kubernetes.object.metadata.name: ${item} is only available in a step with forEach"
            ])
    }
}
