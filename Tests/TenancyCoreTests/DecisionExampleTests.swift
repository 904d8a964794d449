import Foundation
import Testing

@testable import TenancyCore

/// The example tenants in Tenants/, decided with the shipped catalog, land where their comments say.
@Suite struct DecisionExampleTests {
    struct Expected: CustomTestStringConvertible, Sendable {
        var tenant: String
        var isolation: Decision.Isolation
        var site: String
        var nodes: Layout.Nodes
        var pool: String?
        var runtime: TenantSpec.Runtime
        var network: Layout.NetworkMethod
        var apiServer: Layout.APIServer
        var testDescription: String { tenant }
    }

    static let expected: [Expected] = [
        // Regulated: a control plane of its own (dedicated-control-plane), in shared-prod's region, at the latest version.
        Expected(
            tenant: "finbank", isolation: .physical, site: "own CCE cluster in ap-southeast-1 (v1.33, cce.s2.small)",
            nodes: .dedicated,
            pool: "c7.2xlarge.2", runtime: .standard, network: .networkPolicy, apiServer: .blocked),
        // Untrusted: secure runtime on a dedicated bare-metal pool on turbo-secure, pod security groups, no API route.
        Expected(
            tenant: "crowdlabs", isolation: .logical, site: "on turbo-secure", nodes: .dedicated,
            pool: "c6.22xlarge.2.physical",
            runtime: .secure, network: .securityGroup, apiServer: .blocked),
        // Partner with pci-dss: dedicated pool and NetworkPolicy on the tunnel network of shared-prod.
        Expected(
            tenant: "acme", isolation: .logical, site: "on shared-prod", nodes: .dedicated, pool: "c7.2xlarge.2",
            runtime: .standard,
            network: .networkPolicy, apiServer: .blocked),
        // Internal batch jobs on the VPC-network cluster: no network isolation possible, none asked for.
        Expected(
            tenant: "batchco", isolation: .logical, site: "on vpc-batch", nodes: .shared, pool: nil, runtime: .standard,
            network: .none,
            apiServer: .blocked),
        // The platform team: shared nodes, keeps its API-server access.
        Expected(
            tenant: "platform-tools", isolation: .logical, site: "on shared-prod", nodes: .shared, pool: nil,
            runtime: .standard,
            network: .networkPolicy, apiServer: .reachable),
    ]

    static func decisions() throws -> [String: Decision] {
        let files =
            try Fixtures.yamlFiles(in: Fixtures.repository.appendingPathComponent("Tenants"))
            + [Fixtures.repository.appendingPathComponent("Playbooks/catalog.yaml")]
        let workspace = WorkspaceLoader.load(try files.map(Fixtures.source))
        #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics.map(\.description))")
        let catalog = try #require(workspace.catalog)
        let inventory = try #require(workspace.inventory)
        var result: [String: Decision] = [:]
        for tenant in workspace.tenants {
            let cluster = try #require(inventory.cluster(named: tenant.spec.cluster))
            result[tenant.spec.name] = Decider.decide(tenant.spec, on: cluster, catalog: catalog)
        }
        return result
    }

    @Test(arguments: expected)
    func landsWhereItsStorySays(_ e: Expected) throws {
        let decision = try #require(try Self.decisions()[e.tenant])
        let layout = decision.layout
        #expect(decision.placeable, "\(decision.reasons(.error).map(\.text))")
        #expect(decision.isolation == e.isolation && decision.required == e.isolation)
        switch layout.site {
        case .shared(let cluster, _): #expect("on \(cluster)" == e.site)
        case .own(let new): #expect("own CCE cluster in \(new.region) (\(new.version), \(new.flavor))" == e.site)
        }
        #expect(layout.nodes == e.nodes)
        #expect(layout.pool?.flavor == e.pool)
        #expect(layout.runtime == e.runtime)
        #expect(layout.network == e.network)
        #expect(layout.apiServer == e.apiServer)
        #expect(decision.budget.kind == .within, "\(decision.budget.reason.text)")
    }

    @Test func everyExampleIsCovered() throws {
        #expect(Set(try Self.decisions().keys) == Set(Self.expected.map(\.tenant)))
    }

    @Test func theStoriesReasonsAreThere() throws {
        let decisions = try Self.decisions()
        #expect(
            decisions["finbank"]?.has(
                .reason, "compliance tag \"dedicated-control-plane\" requires a control plane no other tenant shares",
                citing: .g9) == true)
        #expect(decisions["crowdlabs"]?.has(.reason, "NetworkPolicy there filters ingress only", citing: .g6) == true)
        #expect(
            decisions["acme"]?.has(.reason, "compliance tag \"pci-dss\" requires network isolation", citing: .g6)
                == true)
        #expect(decisions["batchco"]?.has(.warning, "spec.hostNetwork is true", citing: .g12) == true)
        #expect(decisions["platform-tools"]?.has(.reason, "keep their route to the API server", citing: .g14) == true)
    }
}
