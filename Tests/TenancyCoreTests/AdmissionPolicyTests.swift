import JSON
import Testing

@testable import TenancyCore

/// The rules `spec.admission` adds to a tenant's admission policies, as the onboarding playbook renders them for
/// the example tenants (acme asks for every rule; the others for none). What the rules admit and refuse is tested
/// by evaluating them (EndToEndTests' AdmissionPolicyCELTests).
@Suite struct AdmissionPolicyTests {
    static func validations(_ object: JSONValue?) -> [JSONValue] { object?["spec"]?["validations"]?.arrayValue ?? [] }
    static func messages(_ object: JSONValue?) -> [String] {
        validations(object).compactMap { $0["message"]?.stringValue }
    }

    @Test func acmesPodPolicyAddsRegistriesAndTolerationsAndMatchesEphemeralContainers() throws {
        let steps = try Onboarding.load().render("acme")
        let policy = try #require(steps.step("pod-policy")?.object)
        #expect(
            policy["spec"]?["matchConstraints"]?["resourceRules"]?.arrayValue?.first?["resources"] == [
                "pods", "pods/ephemeralcontainers",
            ])
        let messages = Self.messages(policy)
        #expect(messages.count == 6)
        #expect(
            messages.suffix(2) == [
                "tenant acme: every container, init container and ephemeral container must pull its image from swr.ap-southeast-1.myhuaweicloud.com or registry.acme.example:5000 (spec.admission.registries)",
                "tenant acme: pods may tolerate only their own pool's taint tenantctl.io/tenant=acme and node conditions (node.kubernetes.io/…), never another tenant's or the system pool's (spec.admission.tolerations)",
            ])
        let registries = try #require(Self.validations(policy)[4]["expression"]?.stringValue)
        #expect(
            registries.contains(
                "['swr.ap-southeast-1.myhuaweicloud.com', 'registry.acme.example:5000'].exists(r, c.image.startsWith(r + '/'))"
            ))
        #expect(registries.contains("object.spec.ephemeralContainers"))
        // Docker Hub is not listed, so no name without a host passes.
        #expect(!registries.contains("matches") && !registries.contains("docker.io"))
    }

    @Test func dockerHubTakesNamesWithoutAHostAndItsOldName() {
        let rule = SpecAdmissionRules.registries("t", ["docker.io"])
        let expression = rule["expression"]?.stringValue ?? ""
        #expect(expression.contains("(!c.image.matches('^[^/]*[.:A-Z][^/]*/') && !c.image.startsWith('localhost/'))"))
        #expect(expression.contains("['docker.io', 'index.docker.io'].exists("))
        #expect(
            rule["message"]?.stringValue?.contains("must pull its image from docker.io (spec.admission.registries)")
                == true)
        let message = rule["messageExpression"]?.stringValue ?? ""
        #expect(message.hasPrefix("'tenant t: image ' + (object.spec.containers.filter(c, !("), "\(message)")
        #expect(
            message.hasSuffix(
                ")[0] + ' is refused: every container must pull its image from docker.io (spec.admission.registries)'"),
            "\(message)")
    }

    @Test func acmeGetsAPolicyAndABindingPerRestrictedKind() throws {
        let steps = try Onboarding.load().render("acme")
        let policies = steps.filter { $0.stepID == "object-policy" }
        let bindings = steps.filter { $0.stepID == "object-policy-binding" }
        #expect(
            policies.map(\.id) == [
                "object-policy[tenantctl-acme-claims]", "object-policy[tenantctl-acme-ingresses]",
                "object-policy[tenantctl-acme-services]",
            ])
        #expect(
            bindings.map(\.id) == [
                "object-policy-binding[tenantctl-acme-claims]", "object-policy-binding[tenantctl-acme-ingresses]",
                "object-policy-binding[tenantctl-acme-services]",
            ])
        #expect(bindings.allSatisfy { $0.dependsOn == policies.map(\.id) })
        let expected: [(String, String, String, String)] = [
            (
                "", "persistentvolumeclaims",
                "has(object.spec.storageClassName) && object.spec.storageClassName in ['csi-disk']",
                "tenant acme: a PersistentVolumeClaim must set storageClassName to csi-disk (spec.admission.storageClasses)"
            ),
            (
                "networking.k8s.io", "ingresses",
                "(has(object.spec.ingressClassName) || (has(object.metadata.annotations) && 'kubernetes.io/ingress.class' in object.metadata.annotations)) && (!has(object.spec.ingressClassName) || object.spec.ingressClassName in ['nginx']) && (!(has(object.metadata.annotations) && 'kubernetes.io/ingress.class' in object.metadata.annotations) || object.metadata.annotations['kubernetes.io/ingress.class'] in ['nginx'])",
                "tenant acme: an Ingress must name the ingress class nginx in spec.ingressClassName (or the kubernetes.io/ingress.class annotation) (spec.admission.ingressClasses)"
            ),
            (
                "", "services", "(has(object.spec.type) ? object.spec.type : 'ClusterIP') in ['ClusterIP']",
                "tenant acme: a Service must be of type ClusterIP (spec.admission.serviceTypes)"
            ),
        ]
        for ((group, resource, expression, message), (policy, binding)) in zip(expected, zip(policies, bindings)) {
            let object = try #require(policy.object), bound = try #require(binding.object)
            #expect(
                object["apiVersion"] == "admissionregistration.k8s.io/v1"
                    && object["kind"] == "ValidatingAdmissionPolicy")
            #expect(
                object["metadata"]?["labels"] == [
                    "app.kubernetes.io/managed-by": "tenantctl", "tenantctl.io/tenant": "acme",
                ])
            #expect(object["spec"]?["failurePolicy"] == "Fail")
            #expect(
                object["spec"]?["matchConstraints"]?["resourceRules"] == [
                    [
                        "apiGroups": [.string(group)], "apiVersions": ["v1"], "operations": ["CREATE", "UPDATE"],
                        "resources": [.string(resource)],
                    ]
                ])
            #expect(Self.validations(object) == [["expression": .string(expression), "message": .string(message)]])
            #expect(bound["kind"] == "ValidatingAdmissionPolicyBinding")
            #expect(bound["spec"]?["policyName"] == object["metadata"]?["name"])
            #expect(bound["metadata"]?["name"] == object["metadata"]?["name"])
            #expect(bound["spec"]?["validationActions"] == ["Deny"])
            #expect(
                bound["spec"]?["matchResources"]?["namespaceSelector"]?["matchLabels"] == [
                    "tenantctl.io/tenant": "acme"
                ])
        }
    }

    @Test(arguments: ["batchco", "crowdlabs", "finbank", "platform-tools"])
    func aSpecWithoutAdmissionFieldsRendersWhatItDidBefore(_ tenant: String) throws {
        let steps = try Onboarding.load().render(tenant)
        #expect(!steps.contains { $0.stepID.hasPrefix("object-policy") })
        let policy = try #require(steps.step("pod-policy")?.object)
        #expect(policy["spec"]?["matchConstraints"]?["resourceRules"]?.arrayValue?.first?["resources"] == ["pods"])
        #expect(!Self.messages(policy).contains { $0.contains("spec.admission") })
    }

    @Test func eachRuleIsOnlyRenderedWhenAsked() throws {
        let onboarding = try Onboarding.load()
        let steps = try onboarding.render("acme") {
            $0.admission = TenantSpec.Admission(serviceTypes: [.clusterIP, .loadBalancer])
        }
        #expect(steps.filter { $0.stepID == "object-policy" }.map(\.id) == ["object-policy[tenantctl-acme-services]"])
        let policy = try #require(steps.step("pod-policy")?.object)
        #expect(Self.messages(policy).count == 4)
        #expect(policy["spec"]?["matchConstraints"]?["resourceRules"]?.arrayValue?.first?["resources"] == ["pods"])
        let tolerations = try onboarding.render("acme") { $0.admission = TenantSpec.Admission(tolerations: .own) }
        #expect(
            Self.messages(tolerations.step("pod-policy")?.object).last?.hasSuffix("(spec.admission.tolerations)")
                == true)
        #expect(!tolerations.contains { $0.stepID == "object-policy" })
    }

    @Test func withoutThePolicyAPITheNoteSaysWhatSpecAdmissionLeavesUnprotected() throws {
        let onboarding = try Onboarding.load()
        let none = ClusterFacts(
            version: KubernetesVersion(major: 1, minor: 27), admissionPolicyAPI: nil, origin: .discovered)
        let inputs = try onboarding.inputs("acme", facts: none)
        let steps = try TenantPlanner.render(inputs)
        #expect(
            steps.objects("ValidatingAdmissionPolicy").isEmpty
                && steps.objects("ValidatingAdmissionPolicyBinding").isEmpty)
        let plan = TenantPlanner.plan(inputs, steps: steps, live: LiveState(), offline: false)
        let note = try #require(plan.notes.first { $0.hasPrefix("Enforcement unavailable") })
        #expect(
            note.contains(
                "(G10–G13), nor what spec.admission refuses: images from other registries, tolerations of other taints, claims of other storage classes, ingresses of other classes, Services of other types. Still protecting"
            ),
            "\(note)")
        let plain = try onboarding.inputs("platform-tools", facts: none)
        let plainNote = TenantPlanner.plan(
            plain, steps: try TenantPlanner.render(plain), live: LiveState(), offline: false
        ).notes
        #expect(plainNote.contains { $0.hasPrefix("Enforcement unavailable") && !$0.contains("spec.admission") })
    }

    @Test(arguments: Onboarding.tenants)
    func admissionFieldsChangeNeitherTheDecisionNorItsCost(_ tenant: String) throws {
        let onboarding = try Onboarding.load()
        var spec = try #require(onboarding.specs[tenant])
        let cluster = try #require(onboarding.inventory.cluster(named: spec.cluster))
        spec.admission = TenantSpec.Admission(
            registries: ["docker.io"], storageClasses: ["csi-disk"], ingressClasses: ["nginx"], tolerations: .own,
            serviceTypes: [.clusterIP])
        let asked = Decider.decide(spec, on: cluster, catalog: onboarding.catalog)
        spec.admission = TenantSpec.Admission()
        let plain = Decider.decide(spec, on: cluster, catalog: onboarding.catalog)
        #expect(asked == plain)
    }
}
