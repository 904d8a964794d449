import Foundation
import JSON
import Testing

@testable import TenancyCore

/// The shipped onboarding playbook, rendered for the example tenants, encodes the guidance (G1–G14).
@Suite struct OnboardingPlaybookTests {
    static func v(_ minor: Int) -> KubernetesVersion { KubernetesVersion(major: 1, minor: minor) }

    static let quotaKeys: Set<String> = [
        "requests.cpu", "limits.cpu", "requests.memory", "limits.memory", "requests.storage", "pods", "services",
        "count/deployments.apps", "count/statefulsets.apps", "persistentvolumeclaims",
    ]

    struct Expected: Sendable, CustomTestStringConvertible {
        var tenant: String
        var runtime: String
        var network: String
        var enforce: String
        var version: String
        var pool: Bool
        var testDescription: String { tenant }
    }

    /// From the example specs and the inventory (see DecisionExampleTests for where each lands).
    static let expected: [Expected] = [
        Expected(
            tenant: "acme", runtime: "standard", network: "network-policy", enforce: "restricted", version: "v1.31",
            pool: true),
        Expected(
            tenant: "batchco", runtime: "standard", network: "none", enforce: "privileged", version: "v1.29",
            pool: false),
        Expected(
            tenant: "crowdlabs", runtime: "secure", network: "security-group", enforce: "restricted", version: "v1.31",
            pool: true),
        // Its own cluster, at the catalog's latest version.
        Expected(
            tenant: "finbank", runtime: "standard", network: "network-policy", enforce: "restricted", version: "v1.33",
            pool: true),
        Expected(
            tenant: "platform-tools", runtime: "standard", network: "network-policy", enforce: "restricted",
            version: "v1.31",
            pool: false),
    ]

    // MARK: Namespaces, ServiceAccounts, quota

    @Test(arguments: expected)
    func namespacesCarryOwnershipAndPinnedPodSecurity(_ e: Expected) throws {
        let onboarding = try Onboarding.load()
        let steps = try onboarding.render(e.tenant)
        let spec = try #require(onboarding.specs[e.tenant])
        let namespaces = steps.objects("Namespace")
        #expect(namespaces.compactMap { $0["metadata"]?["name"]?.stringValue } == spec.namespaces)
        for namespace in namespaces {
            let labels = try #require(namespace["metadata"]?["labels"]?.stringMap)
            #expect(labels["app.kubernetes.io/managed-by"] == "tenantctl")
            #expect(labels["tenantctl.io/tenant"] == e.tenant)
            #expect(labels["tenantctl.io/runtime"] == e.runtime)
            #expect(labels["tenantctl.io/network"] == e.network)
            #expect(labels["pod-security.kubernetes.io/enforce"] == e.enforce)
            #expect(labels["pod-security.kubernetes.io/audit"] == "restricted")
            #expect(labels["pod-security.kubernetes.io/warn"] == "restricted")
            for mode in ["enforce", "audit", "warn"] {
                #expect(labels["pod-security.kubernetes.io/\(mode)-version"] == e.version, "\(mode)")
            }
            #expect(labels.count == 10, "\(labels.keys.sorted())")
        }
    }

    @Test(arguments: expected)
    func defaultServiceAccountsAreAdoptedWithoutTokenAutomount(_ e: Expected) throws {
        let onboarding = try Onboarding.load()
        let steps = try onboarding.render(e.tenant)
        let spec = try #require(onboarding.specs[e.tenant])
        let accounts = steps.filter { $0.stepID == "default-service-account" }
        #expect(accounts.map(\.id) == spec.namespaces.map { "default-service-account[\($0)]" })
        for step in accounts {
            #expect(step.adopt)
            let object = try #require(step.object)
            #expect(object["kind"] == "ServiceAccount")
            #expect(object["metadata"]?["name"] == "default")
            #expect(object["automountServiceAccountToken"] == false)
            #expect(step.dependsOn == spec.namespaces.map { "namespace[\($0)]" })
        }
        // Nothing else is adopted.
        #expect(steps.filter(\.adopt).count == spec.namespaces.count)
    }

    @Test(arguments: expected)
    func everyNamespaceHasItsShareAndTheSharesAddUpToTheTotal(_ e: Expected) throws {
        let onboarding = try Onboarding.load()
        let spec = try #require(onboarding.specs[e.tenant])
        let quotas = try onboarding.render(e.tenant).objects("ResourceQuota")
        #expect(quotas.count == spec.namespaces.count)
        var sum = QuotaAmounts()
        for quota in quotas {
            let hard = try #require(quota["spec"]?["hard"]?.objectValue)
            #expect(Set(hard.keys) == Self.quotaKeys)
            #expect(
                quota["metadata"]?["labels"]?.stringMap == [
                    "app.kubernetes.io/managed-by": "tenantctl", "tenantctl.io/tenant": e.tenant,
                ])
            #expect(quota["metadata"]?["annotations"]?["tenantctl.io/quota-shares"] == "spec")
            #expect(
                quota["metadata"]?["annotations"]?["tenantctl.io/quota-total"]?.stringValue
                    == spec.quota.amounts.description)
            #expect(hard["requests.cpu"] == hard["limits.cpu"] && hard["requests.memory"] == hard["limits.memory"])
            for (resource, units) in QuotaAmounts(hard: hard).values { sum[resource] = (sum[resource] ?? 0) + units }
        }
        #expect(
            sum == spec.quota.amounts,
            "the namespaces' quotas of \(e.tenant) add up to \(sum), not its total \(spec.quota.amounts)")
    }

    @Test func acmeQuotaIsHalfTheTotalAndItsLimitsTheSpecs() throws {
        let steps = try Onboarding.load().render("acme")
        let quota = try #require(steps.step("quota[acme-data]")?.object)
        #expect(quota["metadata"]?["namespace"] == "acme-data")
        #expect(
            quota["spec"]?["hard"] == [
                "requests.cpu": "8", "limits.cpu": "8", "requests.memory": "32Gi", "limits.memory": "32Gi",
                "requests.storage": "250Gi", "pods": "100", "services": "10", "count/deployments.apps": "25",
                "count/statefulsets.apps": "5", "persistentvolumeclaims": "15",
            ])
        let limits = try #require(steps.step("limits[acme-web]")?.object)
        #expect(
            limits["spec"]?["limits"] == [
                [
                    "type": "Container", "defaultRequest": ["cpu": "100m", "memory": "128Mi"],
                    "default": ["cpu": "500m", "memory": "512Mi"], "min": ["cpu": "10m", "memory": "16Mi"],
                    "max": ["cpu": "4", "memory": "8Gi"],
                ],
                ["type": "PersistentVolumeClaim", "min": ["storage": "1Gi"], "max": ["storage": "100Gi"]],
            ])
    }

    @Test func rbacBindsOwnersAndViewersPerNamespace() throws {
        let steps = try Onboarding.load().render("finbank")
        let admins = try #require(steps.step("owners[finbank-ledger]")?.object)
        #expect(admins["roleRef"] == ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "admin"])
        #expect(
            admins["subjects"] == [["kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "finbank-sre"]])
        let viewers = try #require(steps.step("viewers[finbank-ledger]")?.object)
        #expect(viewers["roleRef"]?["name"] == "view")
        #expect(
            viewers["subjects"] == [
                ["kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "finbank-audit"],
                ["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "external-auditor"],
            ])
        // batchco names no viewers: no viewers binding.
        #expect(try Onboarding.load().render("batchco").objects("RoleBinding").count == 1)
        // Nothing cluster-wide is bound (G3).
        #expect(steps.objects("ClusterRoleBinding").isEmpty)
    }

    // MARK: Network isolation (G6)

    @Test func networkPoliciesOnlyOnTunnelClusters() throws {
        let onboarding = try Onboarding.load()
        let names = ["tenant-deny-all", "tenant-allow-own", "tenant-allow-listed", "tenant-allow-dns"]
        let acme = try onboarding.render("acme")
        #expect(acme.objects("NetworkPolicy").count == 8)
        for namespace in ["acme-web", "acme-data"] {
            #expect(
                acme.objects("NetworkPolicy").filter { $0["metadata"]?["namespace"]?.stringValue == namespace }
                    .compactMap { $0["metadata"]?["name"]?.stringValue } == names)
        }
        #expect(acme.objects("SecurityGroup").isEmpty)

        let deny = try #require(acme.step("deny-all[acme-web]")?.object)
        #expect(deny["spec"] == ["podSelector": [:], "policyTypes": ["Ingress", "Egress"]])
        let listed = try #require(acme.step("allow-listed[acme-web]")?.object)
        #expect(
            listed["spec"]?["ingress"]?.arrayValue?.first?["from"]?.arrayValue?.first?["namespaceSelector"]?[
                "matchExpressions"] == [
                    ["key": "kubernetes.io/metadata.name", "operator": "In", "values": ["monitoring"]]
                ])
        let own = try #require(acme.step("allow-tenant[acme-data]")?.object)
        #expect(
            own["spec"]?["ingress"] == [
                ["from": [["namespaceSelector": ["matchLabels": ["tenantctl.io/tenant": "acme"]]]]]
            ])
        #expect(
            own["spec"]?["egress"] == [
                ["to": [["namespaceSelector": ["matchLabels": ["tenantctl.io/tenant": "acme"]]]]]
            ])

        // platform-tools may reach the API server: one more policy per namespace, to that address alone.
        let tools = try onboarding.render("platform-tools")
        #expect(tools.objects("NetworkPolicy").count == 10)
        let api = try #require(tools.step("allow-api-server[tools-ci]")?.object)
        #expect(api["spec"]?["egress"] == [["to": [["ipBlock": ["cidr": "192.168.0.10/32"]]]]])
        #expect(tools.objects("SecurityGroup").isEmpty)
        #expect(acme.step("allow-api-server[acme-web]") == nil)
    }

    @Test func securityGroupOnlyOnCloudNative2() throws {
        let onboarding = try Onboarding.load()
        let crowdlabs = try onboarding.render("crowdlabs")
        #expect(crowdlabs.objects("NetworkPolicy").isEmpty)
        let groups = crowdlabs.objects("SecurityGroup")
        #expect(groups.count == 1)
        #expect(groups.first?["apiVersion"] == "crd.yangtse.cni/v1")
        #expect(groups.first?["metadata"]?["namespace"] == "crowdlabs-jobs")
        #expect(groups.first?["spec"]?["securityGroups"] == [["id": "3c4e9f21-7a5b-4d2e-9f10-6b8a2c1d0e55"]])
        for tenant in ["acme", "batchco", "finbank", "platform-tools"] {
            #expect(try onboarding.render(tenant).objects("SecurityGroup").isEmpty, "\(tenant)")
        }
    }

    @Test func neitherOnTheVPCNetwork() throws {
        let batchco = try Onboarding.load().render("batchco")
        #expect(batchco.objects("NetworkPolicy").isEmpty)
        #expect(batchco.objects("SecurityGroup").isEmpty)
    }

    // MARK: Runtime (G10) and pools (G11)

    @Test func runtimeClassAndRuntimeRuleOnlyForSecureTenants() throws {
        let onboarding = try Onboarding.load()
        for tenant in Onboarding.tenants {
            let steps = try onboarding.render(tenant)
            let secure = tenant == "crowdlabs"
            let classes = steps.objects("RuntimeClass")
            #expect(classes.count == (secure ? 1 : 0), "\(tenant)")
            let rules = steps.objects("ValidatingAdmissionPolicy").first?["spec"]?["validations"]?.arrayValue ?? []
            #expect(!rules.isEmpty, "\(tenant)")
            let runtimeRules = rules.filter { $0["expression"]?.stringValue?.contains("runtimeClassName") == true }
            #expect(runtimeRules.count == (secure ? 1 : 0), "\(tenant)")
            if secure {
                #expect(classes.first?["metadata"]?["name"] == "kata")
                #expect(classes.first?["handler"] == "kata")
                #expect(classes.first?["metadata"]?["labels"] == ["app.kubernetes.io/managed-by": "tenantctl"])
                #expect(runtimeRules.first?["expression"]?.stringValue?.contains("'kata'") == true)
                let pool = try #require(steps.step("tenant-pool")?.body(.nodePool))
                #expect(pool["spec"]?["type"] == "ElasticBMS")
            }
        }
    }

    @Test(arguments: ["acme", "crowdlabs", "finbank"])
    func dedicatedPoolsAreLabelledAndTainted(_ tenant: String) throws {
        let steps = try Onboarding.load().render(tenant)
        let pool = try #require(steps.step("tenant-pool")?.body(.nodePool))
        #expect(pool["metadata"]?["name"] == .string("\(tenant)-pool"))
        let template = try #require(pool["spec"]?["nodeTemplate"])
        #expect(
            template["k8sTags"]?.stringMap == [
                "app.kubernetes.io/managed-by": "tenantctl", "tenantctl.io/tenant": tenant,
            ])
        #expect(
            template["taints"] == [["key": "tenantctl.io/tenant", "value": .string(tenant), "effect": "NoSchedule"]])
        // Pods must select that pool (G11).
        let rules = steps.objects("ValidatingAdmissionPolicy").first?["spec"]?["validations"]?.arrayValue ?? []
        #expect(
            rules.contains {
                $0["expression"]?.stringValue?.contains(
                    "object.spec.nodeSelector['tenantctl.io/tenant'] == '\(tenant)'") == true
            })
    }

    @Test func acmePoolIsSizedFromTheSpec() throws {
        let pool = try #require(try Onboarding.load().render("acme").step("tenant-pool")?.body(.nodePool))
        #expect(pool["spec"]?["nodeTemplate"]?["flavor"] == "c7.2xlarge.2")
        #expect(pool["spec"]?["initialNodeCount"] == 3)
        #expect(pool["spec"]?["autoscaling"] == ["enable": true, "minNodeCount": 3, "maxNodeCount": 10])
        #expect(pool["spec"]?["type"] == "vm")
    }

    @Test(arguments: ["batchco", "platform-tools"])
    func sharedNodesGetNoPoolAndNoPoolRule(_ tenant: String) throws {
        let steps = try Onboarding.load().render(tenant)
        #expect(steps.step("tenant-pool") == nil)
        let rules = steps.objects("ValidatingAdmissionPolicy").first?["spec"]?["validations"]?.arrayValue ?? []
        #expect(rules.count == 3)
        #expect(!rules.contains { $0["expression"]?.stringValue?.contains("nodeSelector") == true })
    }

    @Test(arguments: Onboarding.tenants)
    func theSystemPoolIsTaintedForAddOnsOnly(_ tenant: String) throws {
        let steps = try Onboarding.load().render(tenant)
        let pool = try #require(steps.step("system-pool")?.body(.nodePool))
        #expect(pool["metadata"]?["name"] == "tenantctl-system")
        #expect(
            pool["spec"]?["nodeTemplate"]?["taints"] == [
                ["key": "CriticalAddonsOnly", "value": "true", "effect": "NoSchedule"]
            ])
        #expect(pool["spec"]?["nodeTemplate"]?["k8sTags"]?["tenantctl.io/tenant"] == nil)
    }

    // MARK: G14 and G7: the post-install script

    static func postInstall(_ steps: [RenderedStep]) throws -> String? {
        let pool = try #require(steps.step("tenant-pool")?.body(.nodePool))
        guard let encoded = pool["spec"]?["nodeTemplate"]?["extendParam"]?["alpha.cce/postInstall"] else { return nil }
        let text = try #require(encoded.stringValue)
        let data = try #require(Data(base64Encoded: text), "not base64: \(text)")
        return try #require(String(data: data, encoding: .utf8))
    }

    @Test func tunnelPoolRejectsAPIServerTrafficInForward() throws {
        let script = try #require(try Self.postInstall(try Onboarding.load().render("acme")))
        let rule = "iptables -I FORWARD -s 10.0.0.0/16 -d 192.168.0.10 -j REJECT"
        #expect(script.hasPrefix("#!/bin/bash\n"))
        #expect(script.split(separator: "\n").contains { $0 == rule })
        #expect(script.contains("echo '\(rule)' >> /etc/rc.local"))
        #expect(!script.contains("OUTPUT"))
        #expect(!script.contains("kubelet"))
    }

    @Test func vpcPoolRejectsAPIServerTrafficInOutput() throws {
        // batchco shares nodes; give it a pool of its own on the VPC-network cluster.
        let steps = try Onboarding.load().render("batchco") {
            $0.nodePool = TenantSpec.NodePool(flavor: "c7.2xlarge.2", nodes: 2)
        }
        let script = try #require(try Self.postInstall(steps))
        #expect(
            script.split(separator: "\n").contains {
                $0 == "iptables -I OUTPUT -s 172.16.0.0/16 -d 192.168.32.10 -j REJECT"
            })
        #expect(!script.contains("FORWARD"))
    }

    @Test func noScriptWhenTheTenantMayReachTheAPIServer() throws {
        let steps = try Onboarding.load().render("acme") { $0.apiAccess = true }
        let pool = try #require(steps.step("tenant-pool")?.body(.nodePool))
        #expect(pool["spec"]?["nodeTemplate"]?["extendParam"] == ["maxPods": 110])
        // …and a NetworkPolicy lets it out to the API server instead.
        #expect(steps.step("allow-api-server[acme-web]") != nil)
    }

    @Test func noIptablesRuleOnCloudNative2OrOnAnOwnCluster() throws {
        let onboarding = try Onboarding.load()
        for (tenant, note) in [
            ("crowdlabs", "G14 on the Cloud Native 2.0 network"), ("finbank", "G14 on the new cluster"),
        ] {
            let inputs = try onboarding.inputs(tenant)
            let steps = try TenantPlanner.render(inputs)
            #expect(try Self.postInstall(steps) == nil, "\(tenant)")
            let plan = TenantPlanner.plan(inputs, steps: steps, live: LiveState(), offline: true)
            #expect(plan.notes.contains { $0.hasPrefix(note) }, "\(tenant): \(plan.notes)")
        }
    }

    @Test func oldClustersAlsoGetTheKubeletFix() throws {
        let steps = try Onboarding.load().render("acme", facts: .assumed(version: Self.v(15)))
        let script = try #require(try Self.postInstall(steps))
        #expect(script.contains("iptables -I FORWARD"))
        #expect(script.contains("s/AlwaysAllow/Webhook/g"))
        #expect(NodeScript.needsKubeletWebhook(Self.v(15)))
        #expect(!NodeScript.needsKubeletWebhook(Self.v(16)))
        #expect(!NodeScript.needsKubeletWebhook(KubernetesVersion(major: 2, minor: 0)))
    }

    // MARK: Physical isolation (G9, G1, G8)

    @Test func physicalCreatesAClusterAtTheLatestVersion() throws {
        let onboarding = try Onboarding.load()
        #expect(onboarding.catalog.kubernetes.latest == Self.v(33))
        let inputs = try onboarding.inputs("finbank")
        let steps = try TenantPlanner.render(inputs)
        #expect(steps.first?.id == "cluster")
        let cluster = try #require(steps.step("cluster")?.body(.cluster))
        #expect(cluster["metadata"]?["name"] == "finbank")
        #expect(cluster["spec"]?["version"] == .string(onboarding.catalog.kubernetes.latest.description))
        #expect(cluster["spec"]?["clusterTags"] == [["key": "tenantctl-tenant", "value": "finbank"]])
        // In shared-prod's network: the subnet's network ID for the nodes, never its IPv4 subnet ID.
        #expect(
            cluster["spec"]?["hostNetwork"] == [
                "vpc": "4b1f7c2e-0d3a-4e5f-8a6b-7c8d9e0f1a2b", "subnet": "9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b",
            ])
        // Everything on it waits for it.
        for id in ["tenant-pool", "system-pool", "namespace[finbank-ledger]", "runtime-class", "pod-policy"] {
            if let step = steps.step(id) { #expect(step.dependsOn == ["cluster"], "\(id)") }
        }
        #expect(steps.step("namespace[finbank-ledger]") != nil)
        // Its pool scales by the add-on on its own cluster.
        #expect(steps.step("autoscaler")?.body(.addon)?["spec"]?["addonTemplateName"] == "autoscaler")
        #expect(steps.step("autoscaler")?.dependsOn == ["tenant-pool"])
        let plan = TenantPlanner.plan(inputs, steps: steps, live: LiveState(), offline: true)
        #expect(plan.cluster == "finbank")
        #expect(plan.isolation == .physical)
        #expect(plan.facts.version == Self.v(33))
    }

    @Test func logicalTenantsCreateNoClusterAndNoAddOn() throws {
        let onboarding = try Onboarding.load()
        for tenant in ["acme", "batchco", "crowdlabs", "platform-tools"] {
            let steps = try onboarding.render(tenant)
            #expect(steps.step("cluster") == nil, "\(tenant)")
            #expect(steps.step("autoscaler") == nil, "\(tenant)")
            #expect(steps.first?.dependsOn == [], "\(tenant)")
        }
    }

    @Test func noWebTerminalAddOnAnywhere() throws {
        let onboarding = try Onboarding.load()
        for tenant in Onboarding.tenants {
            let steps = try onboarding.render(tenant)
            let addons = steps.compactMap { $0.body(.addon) }
            #expect(addons.allSatisfy { $0["spec"]?["addonTemplateName"] == "autoscaler" }, "\(tenant): \(addons)")
            let text = "\(steps)".lowercased()
            #expect(
                !text.contains("web-terminal") && !text.contains("webterminal") && !text.contains("web terminal"),
                "\(tenant)")
        }
    }

    // MARK: Admission policy (G10–G13) by API version

    @Test(arguments: [
        (28, "admissionregistration.k8s.io/v1beta1"), (29, "admissionregistration.k8s.io/v1beta1"),
        (30, "admissionregistration.k8s.io/v1"), (31, "admissionregistration.k8s.io/v1"),
        (33, "admissionregistration.k8s.io/v1"),
    ])
    func admissionPolicyUsesTheServedVersion(_ minor: Int, _ apiVersion: String) throws {
        let steps = try Onboarding.load().render("acme", facts: .assumed(version: Self.v(minor)))
        let policy = try #require(steps.step("pod-policy")?.object)
        let binding = try #require(steps.step("pod-policy-binding")?.object)
        #expect(policy["apiVersion"] == .string(apiVersion))
        #expect(binding["apiVersion"] == .string(apiVersion))
        #expect(policy["kind"] == "ValidatingAdmissionPolicy")
        #expect(binding["kind"] == "ValidatingAdmissionPolicyBinding")
        #expect(policy["metadata"]?["name"] == "tenantctl-acme-pods")
        #expect(policy["spec"]?["failurePolicy"] == "Fail")
        #expect(binding["spec"]?["policyName"] == "tenantctl-acme-pods")
        #expect(binding["spec"]?["validationActions"] == ["Deny"])
        #expect(
            binding["spec"]?["matchResources"]?["namespaceSelector"]?["matchLabels"] == ["tenantctl.io/tenant": "acme"])
        #expect(steps.step("pod-policy-binding")?.dependsOn == ["pod-policy"])
        // The Pod Security version follows the facts too.
        let namespace = try #require(steps.objects("Namespace").first)
        #expect(
            namespace["metadata"]?["labels"]?["pod-security.kubernetes.io/enforce-version"] == .string("v1.\(minor)"))
    }

    @Test func acmePolicyHasEveryRule() throws {
        let steps = try Onboarding.load().render("acme")
        let rules = try #require(steps.step("pod-policy")?.object?["spec"]?["validations"]?.arrayValue)
        let messages = rules.compactMap { $0["message"]?.stringValue }
        // Four for G11–G13, then the two acme's spec.admission asks for (AdmissionPolicyTests).
        #expect(messages.count == 6)
        for tag in ["(G11)", "limits (G12)", "readOnlyRootFilesystem: true (G13)", "host path (G12)"] {
            #expect(messages.prefix(4).contains { $0.contains(tag) }, "\(tag)")
        }
        let hostPath = try #require(rules[3]["expression"]?.stringValue)
        for path in ["'/var/run'", "'/var/lib/kubelet'", "'/etc'", "'/proc'", ".sock"] {
            #expect(hostPath.contains(path))
        }
    }

    @Test func withoutAnAdmissionAPIThePolicyIsSkippedAndThePlanSaysSo() throws {
        let onboarding = try Onboarding.load()
        let none = ClusterFacts(version: Self.v(31), admissionPolicyAPI: nil, origin: .discovered)
        let inputs = try onboarding.inputs("acme", facts: none)
        let steps = try TenantPlanner.render(inputs)
        #expect(steps.step("pod-policy") == nil)
        #expect(steps.step("pod-policy-binding") == nil)
        #expect(
            steps.objects("ValidatingAdmissionPolicy").isEmpty
                && steps.objects("ValidatingAdmissionPolicyBinding").isEmpty)
        // The rest is still there.
        #expect(steps.objects("Namespace").count == 2)
        #expect(steps.objects("NetworkPolicy").count == 8)

        let plan = TenantPlanner.plan(inputs, steps: steps, live: LiveState(), offline: false)
        let note = try #require(plan.notes.first { $0.hasPrefix("Enforcement unavailable") }, "\(plan.notes)")
        #expect(note.contains("acme"))
        #expect(note.contains("NoSchedule taint (G11)"))
        #expect(note.contains("network isolation (G6)"))
        // Discovered facts: no "assumed" note.
        #expect(!plan.notes.contains { $0.hasPrefix("API versions are assumed") })
        let json = try JSONValue(encoding: plan)
        #expect(json["kubernetes"]?["admissionPolicyAPI"] == .null)
        #expect(json["kubernetes"]?["factsFrom"] == "discovered")

        // With the API there is no such note.
        let served = try onboarding.inputs(
            "acme", facts: .discovered(version: Self.v(31), admissionPolicyVersions: ["v1"]))
        let full = TenantPlanner.plan(
            served, steps: try TenantPlanner.render(served), live: LiveState(), offline: false)
        #expect(!full.notes.contains { $0.hasPrefix("Enforcement unavailable") })
        #expect(full.changes.contains { $0.id == "pod-policy" })
    }

    @Test func assumedFactsAreSaidToBeAssumed() throws {
        let onboarding = try Onboarding.load()
        let inputs = try onboarding.inputs("batchco")
        let plan = TenantPlanner.plan(inputs, steps: try TenantPlanner.render(inputs), live: LiveState(), offline: true)
        #expect(
            plan.notes.contains {
                $0.hasPrefix("API versions are assumed from Kubernetes v1.29 (admissionregistration.k8s.io/v1beta1)")
            })
        // batchco runs privileged for its host network, and the plan says why.
        #expect(plan.notes.contains { $0.contains("enforces \"privileged\"") })
        #expect(plan.offline)
        #expect(plan.changes.allSatisfy { $0.action == .create })
    }

    // MARK: ClusterFacts

    @Test(
        arguments: [
            (["v1", "v1beta1"], "admissionregistration.k8s.io/v1"),
            (["v1beta1", "v1"], "admissionregistration.k8s.io/v1"),
            (["v1beta1"], "admissionregistration.k8s.io/v1beta1"), (["v1alpha1"], nil), ([], nil),
        ] as [([String], String?)])
    func discoveredFactsPreferV1(_ served: [String], _ expected: String?) {
        let facts = ClusterFacts.discovered(version: Self.v(29), admissionPolicyVersions: served)
        #expect(facts.admissionPolicyAPI == expected)
        #expect(facts.origin == .discovered)
        #expect(facts.version == Self.v(29))
    }

    @Test(
        arguments: [
            (23, nil), (27, nil), (28, "admissionregistration.k8s.io/v1beta1"),
            (29, "admissionregistration.k8s.io/v1beta1"),
            (30, "admissionregistration.k8s.io/v1"), (33, "admissionregistration.k8s.io/v1"),
        ] as [(Int, String?)])
    func assumedFactsFollowTheVersion(_ minor: Int, _ expected: String?) {
        let facts = ClusterFacts.assumed(version: Self.v(minor))
        #expect(facts.admissionPolicyAPI == expected)
        #expect(facts.origin == .assumed)
    }

    @Test func aTooOldClusterRendersNoPolicy() throws {
        let steps = try Onboarding.load().render("acme", facts: .assumed(version: Self.v(27)))
        #expect(steps.step("pod-policy") == nil && steps.step("pod-policy-binding") == nil)
    }

    @Test func aCCEClusterWithoutAZoneOrKeyPairCannotBePlanned() throws {
        var onboarding = try Onboarding.load()
        let index = try #require(onboarding.inventory.clusters.firstIndex { $0.name == "shared-prod" })
        onboarding.inventory.clusters[index].cce?.keyPair = nil
        #expect(
            throws: PlanningError(messages: [
                "node pools on shared-prod need an availability zone and the SSH key pair their nodes log in with, but the inventory gives no cce.keyPair for shared-prod"
            ])
        ) { try onboarding.render("acme") }
        let pool = try #require(try Onboarding.load().render("acme").step("tenant-pool")?.body(.nodePool))
        #expect(pool["spec"]?["nodeTemplate"]?["login"] == ["sshKey": "tenantctl-nodes"])
        #expect(pool["spec"]?["nodeTemplate"]?["az"] == "ap-southeast-1a")
    }
}
