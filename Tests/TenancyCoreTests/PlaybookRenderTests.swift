import JSON
import Testing

@testable import TenancyCore

@Suite struct PlaybookRenderTests {
    /// The errors rendering `playbook` reports, as printed; an issue when it renders.
    static func renderErrors(
        _ playbook: Playbook, context: JSONValue = PlaybookSupport.context,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [String] {
        do {
            _ = try playbook.render(context: context)
            Issue.record("expected render errors", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func expandsForEachAndEvaluatesWhenInDependencyOrder() throws {
        let steps = try PlaybookSupport.fixture("onboarding.yaml").render(context: PlaybookSupport.context)
        #expect(
            steps.map(\.id) == [
                "namespaces[acme-web]", "namespaces[acme-data]", "ns-quota[acme-web]", "ns-quota[acme-data]", "pool",
            ])
        #expect(steps[2].dependsOn == ["namespaces[acme-web]", "namespaces[acme-data]"])
        #expect(steps[2].stepID == "ns-quota")
    }

    @Test func wholeExpressionsKeepTheirTypeAndInterpolationsAreStrings() throws {
        let steps = try PlaybookSupport.fixture("onboarding.yaml").render(context: PlaybookSupport.context)
        let quota = try #require(steps.first { $0.id == "ns-quota[acme-data]" })
        #expect(
            quota.action
                == .kubernetes(
                    ensure: .present,
                    object: [
                        "apiVersion": "v1", "kind": "ResourceQuota",
                        "metadata": ["name": "tenant-quota", "namespace": "acme-data"],
                        "spec": ["hard": ["pods": 200, "cpu": "16"]],
                    ]))
        let namespace = try #require(steps.first { $0.id == "namespaces[acme-web]" })
        guard case .kubernetes(_, let object) = namespace.action else {
            Issue.record("expected a kubernetes action")
            return
        }
        #expect(object.value(at: ["metadata", "labels", "note"]) == "tenant acme in shared-prod (logical)")
        let pool = try #require(steps.last)
        #expect(
            pool.action
                == .cloud(
                    .nodePool, ensure: .present,
                    body: [
                        "name": "acme-pool", "flavor": "c7.2xlarge.2", "count": 3, "labels": ["team": "payments"],
                    ]))
    }

    @Test func whenFalseSkipsTheStepAndItsDependentsDropTheDependency() throws {
        var context = PlaybookSupport.context
        context["decision"] = ["isolation": "physical"]
        context["tenant"]?["runtime"] = "secure"
        let steps = try PlaybookSupport.fixture("onboarding.yaml").render(context: context)
        #expect(steps.map(\.id).suffix(1) == ["secure-runtime"])
        #expect(steps.last?.dependsOn == [])
        #expect(
            steps.last?.action
                == .kubernetes(
                    ensure: .absent,
                    object: [
                        "apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass", "metadata": ["name": "kata"],
                    ]))
    }

    @Test func unknownPathsAreReportedAtTheTemplate() throws {
        let (loaded, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: a
                      forEach: ${tenant.namespaces}
                      when: ${item}
                      cloud: {addon: {}}
                    - id: b
                      cloud:
                        addon: {name: "x-${tenant.nmae}", version: "${cluster.version[0]}"}
                """)
        #expect(diagnostics.isEmpty)
        let playbook = try #require(loaded)
        #expect(
            Self.renderErrors(playbook) == [
                "inline.yaml:8:13: error: spec.steps[0].when: when needs true or false, found the string \"acme-web\"",
                "inline.yaml:12:23: error: spec.steps[1].cloud.addon.name: tenant has no field \"nmae\" (did you mean \"name\"?)",
            ])
    }

    @Test func objectNamesTheServerWouldRefuseAreErrorsAtTheirTemplate() throws {
        let (loaded, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: escape
                      kubernetes:
                        object: {apiVersion: v1, kind: ConfigMap, metadata: {name: "../../${tenant.name}", namespace: acme-web}}
                    - id: namespace
                      kubernetes:
                        object:
                          apiVersion: v1
                          kind: ConfigMap
                          metadata: {name: ok, namespace: "${tenant.name}/x"}
                    - id: nameless
                      kubernetes:
                        object: {apiVersion: v1, kind: Namespace, metadata: {labels: {a: b}}}
                """)
        #expect(diagnostics.isEmpty)
        let playbook = try #require(loaded)
        #expect(
            Self.renderErrors(playbook) == [
                "inline.yaml:8:68: error: spec.steps[0].kubernetes.object.metadata.name: metadata.name \"../../acme\" may not contain '/' or '%'",
                "inline.yaml:14:43: error: spec.steps[1].kubernetes.object.metadata.namespace: metadata.namespace \"acme/x\" is not a valid DNS-1123 label: use lowercase letters, digits and '-', starting and ending with a letter or digit",
                "inline.yaml:17:17: error: spec.steps[2].kubernetes.object: metadata.name must not be empty",
            ])
    }

    @Test func repeatedForEachItemsAreAnError() throws {
        var context = PlaybookSupport.context
        context["tenant"]?["namespaces"] = ["a", "a"]
        let playbook = try PlaybookSupport.fixture("onboarding.yaml")
        #expect(
            Self.renderErrors(playbook, context: context).first?.hasSuffix(
                "onboarding.yaml:19:16: error: spec.steps[1].forEach: forEach yields the string \"a\" twice; step ids must be unique (namespaces[a])"
            ) == true)
    }

    @Test func evaluatesExpressions() throws {
        let cases: [(String, JSONValue)] = [
            ("${tenant.namespaces[1]}", "acme-data"),
            ("${tenant.quota.pods == 200}", true),
            ("${tenant.quota.pods != 200 || !(cluster.name == \"x\")}", true),
            ("${tenant.runtime == 'secure' && tenant.missing}", false),
            ("${tenant.quota['cpu']}", "16"),
            ("${2.5}", 2.5),
            ("pods: ${tenant.quota.pods}, $${literal}", "pods: 200, ${literal}"),
            ("${tenant.namespaces}", ["acme-web", "acme-data"]),
        ]
        for (text, expected) in cases {
            let template = Template(shape: try Template.shape(of: Array(text)), mark: .unknown, path: FieldPath())
            #expect(try template.render(in: PlaybookSupport.context) == expected, "\(text)")
        }
    }

    @Test func syntaxErrorsCarryTheOffset() {
        let cases: [(String, Int, String)] = [
            ("${}", 2, "empty expression"),
            ("ab ${tenant.}", 12, "expected a field name after '.', found the end of the expression"),
            ("${tenant.x[0}", 12, "expected ']', found the end of the expression"),
            ("${tenant 'x'}", 9, "unexpected the string 'x'"),
            ("${'open}", 0, "unterminated expression: '${' without a closing '}'"),
        ]
        for (text, offset, message) in cases {
            #expect(throws: ExpressionSyntaxError(message: message, offset: offset), "\(text)") {
                try Template.shape(of: Array(text))
            }
        }
    }
}
