import Foundation
import Testing

@testable import TenancyCore

/// Every placement rule, one row each: the spec and cluster in, the decision's shape and the reasons,
/// warnings and errors (with the guidance they cite) out.
@Suite struct DecisionRulesTests {
    typealias F = DecisionFixtures

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var spec: TenantSpec
        var cluster: ClusterProfile = F.tunnel
        var options = DecideOptions()
        var required: Decision.Isolation = .logical
        var isolation: Decision.Isolation = .logical
        var nodes: Layout.Nodes = .shared
        var runtime: TenantSpec.Runtime = .standard
        var network: Layout.NetworkMethod = .networkPolicy
        var apiServer: Layout.APIServer = .blocked
        var placeable = true
        /// Text each kind of reason must include, with the guidance it must cite.
        var says: [(Reason.Kind, String, Guidance?)] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "internal tenant shares nodes on the tunnel network", spec: F.spec(),
            says: [
                (.reason, "its pods share the cluster's nodes", .g11), (.reason, "NetworkPolicy, default-deny", .g6),
                (.reason, "FORWARD chain", .g14), (.reason, "within the supported versions v1.28–v1.33", .g1),
            ]),
        Case(
            name: "partner tenant gets a dedicated pool sized from its quota", spec: F.spec { $0.trust = .partner },
            nodes: .dedicated,
            says: [
                (.reason, "trust partner: its pods share no node", .g11), (.reason, "sizes one from spec.quota", .g11),
            ]),
        Case(
            name: "external tenant gets a dedicated pool", spec: F.spec { $0.trust = .external }, nodes: .dedicated,
            says: [(.reason, "trust external", .g11)]),
        Case(
            name: "a spec's nodePool asks for a dedicated pool",
            spec: F.spec { $0.nodePool = .init(flavor: "c7.2xlarge.2", nodes: 3) },
            nodes: .dedicated, says: [(.reason, "spec.nodePool asks for a dedicated pool", .g11)]),
        Case(
            name: "untrusted tenant on a Turbo cluster: secure runtime on a dedicated physical pool, security groups",
            spec: F.spec { $0.trust = .untrusted }, cluster: F.turbo, nodes: .dedicated, runtime: .secure,
            network: .securityGroup,
            says: [
                (.reason, "micro-VMs with a kernel of their own", .g10),
                (.reason, "never applies to secure-runtime pods", .g6),
                (.reason, "its pods get nodes no other tenant uses", .g11),
                (.reason, "security group denies traffic to 192.168.16.10", .g14),
            ]),
        Case(
            name: "untrusted tenant where the target has no secure runtime: its own cluster",
            spec: F.spec { $0.trust = .untrusted }, required: .physical, isolation: .physical, nodes: .dedicated,
            says: [
                (.reason, "physical isolation is required", .g10), (.reason, "shared offers no secure runtime", .g10),
                (.reason, "no other tenant shares its nodes or its control plane", .g9),
                (.reason, "latest offered version, v1.33", .g1),
            ]),
        Case(
            name: "untrusted tenant, explicit logical, no secure runtime: error",
            spec: F.spec {
                $0.trust = .untrusted; $0.isolation = .logical
            }, required: .physical, nodes: .dedicated, placeable: false,
            says: [(.error, "spec.isolation is logical, weaker than the physical isolation required", .g9)]),
        Case(
            name: "untrusted tenant, explicit logical, --allow-weaker: a loud warning",
            spec: F.spec {
                $0.trust = .untrusted; $0.isolation = .logical
            }, options: DecideOptions(allowWeaker: true),
            required: .physical, nodes: .dedicated, says: [(.warning, "WEAKER THAN REQUIRED", .g9)]),
        Case(
            name: "an explicit secure runtime on a cluster without it: its own Turbo cluster keeps the runtime",
            spec: F.spec { $0.runtime = .secure }, required: .physical, isolation: .physical, nodes: .dedicated,
            runtime: .secure,
            network: .securityGroup,
            says: [(.reason, "CCE Turbo cluster", .g9), (.reason, "spec.runtime asks for the secure runtime", .g10)]),
        Case(
            name: "a compliance tag that requires the secure runtime", spec: F.spec { $0.compliance = ["sandboxed"] },
            cluster: F.turbo,
            nodes: .dedicated, runtime: .secure, network: .securityGroup,
            says: [
                (.reason, "compliance tag \"sandboxed\" requires the secure runtime", .g10),
                (.reason, "a pool of physical nodes", .g11),
            ]),
        Case(
            name: "the secure runtime cannot use the host network",
            spec: F.spec {
                $0.trust = .untrusted; $0.hostNetwork = true
            }, cluster: F.turbo, required: .physical, isolation: .physical,
            nodes: .dedicated,
            says: [(.reason, "cannot use the host network", .g10), (.warning, "spec.hostNetwork is true", .g12)]),
        Case(
            name: "an explicit secure runtime with host networking fits nowhere",
            spec: F.spec {
                $0.runtime = .secure
                $0.hostNetwork = true
            }, cluster: F.turbo, required: .physical, isolation: .physical, nodes: .dedicated, runtime: .secure,
            network: .securityGroup, placeable: false,
            says: [(.error, "the secure runtime cannot run pods on the host network", .g10)]),
        Case(
            name: "secure runtime needs defaultRequest = default",
            spec: F.spec {
                $0.trust = .untrusted
                $0.limits = .init(
                    container: .init(
                        defaultRequest: F.resources("100m", "128Mi"), default: F.resources("500m", "128Mi")))
            }, cluster: F.turbo, nodes: .dedicated, runtime: .secure, network: .securityGroup, placeable: false,
            says: [(.error, "defaultRequest.cpu (100m) differs from default.cpu (500m)", .g10)]),
        Case(
            name: "secure runtime needs a default limit",
            spec: F.spec {
                $0.trust = .untrusted; $0.limits = nil
            }, cluster: F.turbo,
            nodes: .dedicated, runtime: .secure, network: .securityGroup, placeable: false,
            says: [
                (.error, "set spec.limits.container.default.cpu", .g5),
                (.error, "set spec.limits.container.default.memory", .g10),
            ]),
        Case(
            name: "secure runtime accepts a default limit without a defaultRequest",
            spec: F.spec {
                $0.trust = .untrusted
                $0.limits = .init(container: .init(default: F.resources("500m", "512Mi")))
            }, cluster: F.turbo, nodes: .dedicated, runtime: .secure, network: .securityGroup),
        Case(
            name: "secure runtime refuses a VM pool",
            spec: F.spec {
                $0.trust = .untrusted
                $0.nodePool = .init(flavor: "c7.2xlarge.2", nodes: 2)
            }, cluster: F.turbo, nodes: .dedicated, runtime: .secure, network: .securityGroup, placeable: false,
            says: [(.error, "c7.2xlarge.2 is a VM flavor; use one such as c6.22xlarge.2.physical", .g10)]),
        Case(
            name: "secure runtime warns about pods below its minimum",
            spec: F.spec {
                $0.trust = .untrusted
                $0.limits = .init(container: .init(default: F.resources("100m", "128Mi")))
            }, cluster: F.turbo, nodes: .dedicated, runtime: .secure, network: .securityGroup,
            says: [
                (.warning, "below the secure runtime's minimum pod of 250m", .g10),
                (.reason, "at 100 pods, 10 CPU and 9.77Gi", .g4),
            ]),
        Case(
            name: "network isolation cannot share a VPC-network cluster", spec: F.spec(), cluster: F.vpc,
            required: .physical,
            isolation: .physical, nodes: .dedicated,
            says: [(.reason, "vpc uses the VPC network, where no policy can isolate pods", .g6)]),
        Case(
            name: "network isolation on a VPC cluster with explicit logical: error",
            spec: F.spec { $0.isolation = .logical },
            cluster: F.vpc, required: .physical, network: .none, placeable: false,
            says: [(.error, "weaker than the physical isolation", .g9)]),
        Case(
            name: "no network isolation fits a VPC-network cluster",
            spec: F.spec { $0.network = .init(isolation: .none) },
            cluster: F.vpc, network: .none, says: [(.reason, "no network fence", .g6), (.reason, "OUTPUT chain", .g14)]),
        Case(
            name: "a compliance tag that needs isolation contradicts network none",
            spec: F.spec {
                $0.compliance = ["pci-dss"]; $0.network = .init(isolation: .none)
            }, nodes: .dedicated, network: .none,
            placeable: false, says: [(.error, "requires network isolation, but spec.network.isolation is none", .g6)]),
        Case(
            name: "dedicated-control-plane forces physical isolation",
            spec: F.spec { $0.compliance = ["dedicated-control-plane"] },
            required: .physical, isolation: .physical, nodes: .dedicated,
            says: [(.reason, "requires a control plane no other tenant shares", .g9)]),
        Case(
            name: "an explicit physical isolation stronger than required wins",
            spec: F.spec { $0.isolation = .physical },
            isolation: .physical, nodes: .dedicated, says: [(.reason, "stronger than required, and wins", .g9)]),
        Case(
            name: "a cluster on an unsupported version takes no new tenants", spec: F.spec(), cluster: F.legacy,
            placeable: false,
            says: [(.error, "legacy runs v1.23, older than the oldest supported version v1.28", .g1)]),
        Case(
            name: "an unsupported target does not matter for a tenant's own cluster",
            spec: F.spec { $0.isolation = .physical },
            cluster: F.legacy, isolation: .physical, nodes: .dedicated,
            says: [(.reason, "latest offered version, v1.33", .g1)]),
        Case(
            name: "a cluster newer than the catalog knows is a warning",
            spec: F.spec(),
            cluster: {
                var c = F.tunnel; c.version = KubernetesVersion(major: 1, minor: 35); return c
            }(),
            says: [(.warning, "newer than the catalog's latest", .g1)]),
        Case(
            name: "API access on shared nodes lifts G14 for them", spec: F.spec { $0.apiAccess = true },
            apiServer: .reachable,
            says: [
                (.reason, "keep their route to the API server", .g14),
                (.warning, "every tenant on them can reach the API server", .g14),
            ]),
        Case(
            name: "API access on a dedicated pool stays the tenant's",
            spec: F.spec {
                $0.apiAccess = true; $0.trust = .partner
            },
            nodes: .dedicated, apiServer: .reachable),
        Case(
            name: "a tag that forbids API access contradicts apiAccess",
            spec: F.spec {
                $0.apiAccess = true; $0.compliance = ["no-api"]
            },
            apiServer: .reachable, placeable: false,
            says: [(.error, "cannot reach the API server, but spec.apiAccess is true", .g14)]),
        Case(
            name: "an unknown compliance tag is an error with a suggestion",
            spec: F.spec { $0.compliance = ["pci-ds"] }, placeable: false,
            says: [(.error, "compliance tag \"pci-ds\" is not in the price catalog (did you mean \"pci-dss\"?)", nil)]),
        Case(
            name: "an untrusted tenant without network isolation is warned",
            spec: F.spec {
                $0.trust = .untrusted; $0.network = .init(isolation: .none)
            },
            cluster: F.turbo, nodes: .dedicated, runtime: .secure, network: .none,
            says: [(.warning, "other tenants' pods can reach this tenant's", .g6)]),
        Case(
            name: "host networking is a G12 warning and slips past the fence", spec: F.spec { $0.hostNetwork = true },
            says: [(.warning, "spec.hostNetwork is true", .g12), (.warning, "outside the NetworkPolicy", .g6)]),
        Case(
            name: "a standard tenant on Cloud Native 2.0 is fenced by security groups", spec: F.spec(),
            cluster: F.turbo, network: .securityGroup),
        Case(
            name: "a cluster without an API server address cannot get the G14 rule",
            spec: F.spec(),
            cluster: {
                var c = F.tunnel; c.apiServerAddress = nil; return c
            }(),
            says: [(.warning, "has no apiServerAddress", .g14)]),
    ]

    @Test(arguments: cases)
    func rule(_ c: Case) {
        let decision = F.decide(c.spec, on: c.cluster, c.options)
        let layout = decision.layout
        #expect(decision.required == c.required)
        #expect(decision.isolation == c.isolation)
        #expect(layout.nodes == c.nodes)
        #expect(layout.runtime == c.runtime)
        #expect(layout.network == c.network)
        #expect(layout.apiServer == c.apiServer)
        #expect(decision.placeable == c.placeable, "\(decision.reasons(.error).map(\.text))")
        for (kind, text, guidance) in c.says {
            #expect(
                decision.has(kind, text, citing: guidance),
                "no \(kind) saying \"\(text)\" citing \(guidance?.rawValue ?? "-"): \(decision.reasons.map(\.text))")
        }
    }

    @Test func everyChoiceCitesGuidanceAndFields() {
        for c in Self.cases {
            let decision = F.decide(c.spec, on: c.cluster, c.options)
            for topic: Reason.Topic in [.isolation, .version, .nodes, .runtime, .network, .apiServer] {
                let about = decision.reasons.filter { $0.topic == topic }
                #expect(about.contains { !$0.guidance.isEmpty }, "\(c.name): no guidance for \(topic)")
                #expect(about.contains { !$0.fields.isEmpty }, "\(c.name): no field for \(topic)")
            }
        }
    }

    @Test func errorsPointAtTheFieldsToChange() {
        let decision = F.decide(
            F.spec {
                $0.trust = .untrusted
                $0.limits = .init(
                    container: .init(
                        defaultRequest: F.resources("100m", "128Mi"), default: F.resources("500m", "128Mi")))
            }, on: F.turbo)
        let error = decision.reasons(.error).first
        #expect(error?.fields.first == .spec(FieldPath("spec", "limits", "container", "defaultRequest", "cpu")))
        #expect(error?.fields.first?.description == "spec.limits.container.defaultRequest.cpu")
    }

    @Test func securityGroupIsolationNeedsTheTenantsSecurityGroups() {
        let decision = F.decide(F.spec { $0.network.securityGroups = [] }, on: F.turbo)
        #expect(decision.layout.network == .securityGroup)
        #expect(!decision.placeable)
        #expect(decision.reasons(.error).map(\.fields) == [[.spec(FieldPath("spec", "network", "securityGroups"))]])
        #expect(F.decide(F.spec(), on: F.turbo).placeable)
    }

    @Test func bothOptionsAreAlwaysLaidOut() {
        let decision = F.decide(F.spec { $0.compliance = ["dedicated-control-plane"] })
        #expect(decision.logical.site == .shared(cluster: "shared", version: KubernetesVersion(major: 1, minor: 31)))
        guard case .own(let new) = decision.physical.site else {
            Issue.record("the physical option has no cluster of its own")
            return
        }
        #expect(
            new
                == Layout.NewCluster(
                    region: "ap-southeast-1", version: KubernetesVersion(major: 1, minor: 33), category: .cce,
                    networkMode: .tunnel, flavor: "cce.s2.small", containerCIDR: "172.16.0.0/16"))
        #expect(decision.layout == decision.physical)
    }
}
