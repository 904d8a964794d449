import Foundation
import JSON
import Testing

@testable import TenancyCore

/// The repository's onboarding playbook over the example tenants, inventory and catalog, for the plan tests.
struct Onboarding {
    var playbook: Playbook
    var catalog: PriceCatalog
    var inventory: ClusterInventory
    var specs: [String: TenantSpec]

    static let tenants = ["acme", "batchco", "crowdlabs", "finbank", "platform-tools"]

    static func load() throws -> Onboarding {
        let repository = Fixtures.repository
        let files =
            try Fixtures.yamlFiles(in: repository.appendingPathComponent("Tenants"))
            + [
                repository.appendingPathComponent("Playbooks/catalog.yaml"),
                repository.appendingPathComponent("Playbooks/onboarding.yaml"),
            ]
        let workspace = WorkspaceLoader.load(try files.map(Fixtures.source))
        #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics.map(\.description))")
        let playbook = try #require(workspace.playbooks.first { $0.name == "onboarding" })
        return Onboarding(
            playbook: playbook, catalog: try #require(workspace.catalog), inventory: try #require(workspace.inventory),
            specs: Dictionary(uniqueKeysWithValues: workspace.tenants.map { ($0.spec.name, $0.spec) }))
    }

    /// The plan inputs of an example tenant (changed by `change`), with the facts `tenantctl plan --offline`
    /// assumes unless `facts` is given: the new cluster's version for a cluster of its own, else the inventory's.
    func inputs(_ tenant: String, facts: ClusterFacts? = nil, _ change: (inout TenantSpec) -> Void = { _ in }) throws
        -> TenantPlanner.Inputs
    {
        var spec = try #require(specs[tenant], "no example tenant \(tenant)")
        change(&spec)
        let cluster = try #require(inventory.cluster(named: spec.cluster))
        let decision = Decider.decide(spec, on: cluster, catalog: catalog)
        #expect(decision.placeable, "\(decision.reasons.filter { $0.kind == .error }.map(\.text))")
        let assumed: ClusterFacts
        if case .own(let new) = decision.layout.site {
            assumed = .assumed(version: new.version)
        } else {
            assumed = .assumed(version: cluster.version)
        }
        return TenantPlanner.Inputs(
            spec: spec, decision: decision, cluster: cluster, facts: facts ?? assumed, playbook: playbook)
    }

    func render(_ tenant: String, facts: ClusterFacts? = nil, _ change: (inout TenantSpec) -> Void = { _ in }) throws
        -> [RenderedStep]
    {
        try TenantPlanner.render(try inputs(tenant, facts: facts, change))
    }
}

extension RenderedStep {
    /// The Kubernetes object of a step, nil for a cloud step.
    var object: JSONValue? {
        if case .kubernetes(_, let object) = action { return object }
        return nil
    }

    /// The body of a cloud step of `resource`.
    func body(_ resource: Playbook.CloudResource) -> JSONValue? {
        if case .cloud(resource, _, let body) = action { return body }
        return nil
    }
}

extension [RenderedStep] {
    /// The objects of `kind`, in step order.
    func objects(_ kind: String) -> [JSONValue] {
        compactMap(\.object).filter { $0["kind"]?.stringValue == kind }
    }

    func step(_ id: String) -> RenderedStep? { first { $0.id == id } }
}

extension JSONValue {
    /// A string-to-string object as a dictionary (labels, tags).
    var stringMap: [String: String]? { objectValue?.compactMapValues(\.stringValue) }
}
