import CCEModel
import Foundation
import JSON
import TenancyCore
import Testing

@testable import CloudAPI

/// Every CCE body TenancyCore renders for the example tenants survives the typed model CloudAPI sends it
/// through: decoded and encoded again it is the same JSON, so no field the plan shows is dropped on the wire.
@Suite struct BodyRoundTripTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The rendered cloud steps of every example tenant, and of finbank with the secure runtime (a Turbo
    /// cluster and a bare-metal pool).
    static func renderedBodies() throws -> [(step: String, resource: Playbook.CloudResource, body: JSONValue)] {
        let files = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("Tenants").path)
            .filter { $0.hasSuffix(".yaml") }.map { "Tenants/\($0)" }
            + ["Playbooks/catalog.yaml", "Playbooks/onboarding.yaml"]
        let sources = try files.map { file in
            SourceFile(path: file, bytes: [UInt8](try Data(contentsOf: repository.appendingPathComponent(file))))
        }
        let workspace = WorkspaceLoader.load(sources)
        let catalog = try #require(workspace.catalog), inventory = try #require(workspace.inventory)
        let playbook = try #require(workspace.playbooks.first { $0.name == "onboarding" })
        var specs = workspace.tenants.map(\.spec)
        var secure = try #require(specs.first { $0.name == "finbank" })
        secure.name = "finbank-secure"
        secure.runtime = .secure
        secure.nodePool?.flavor = "c6.22xlarge.2.physical"
        let limit = secure.limits?.container?.default
        secure.limits?.container?.defaultRequest = limit
        specs.append(secure)
        var bodies: [(String, Playbook.CloudResource, JSONValue)] = []
        for spec in specs {
            let cluster = try #require(inventory.cluster(named: spec.cluster))
            let decision = Decider.decide(spec, on: cluster, catalog: catalog)
            var version = cluster.version
            if case .own(let new) = decision.layout.site { version = new.version }
            let inputs = TenantPlanner.Inputs(
                spec: spec, decision: decision, cluster: cluster, facts: .assumed(version: version), playbook: playbook)
            for step in try TenantPlanner.render(inputs) {
                if case .cloud(let resource, _, let body) = step.action { bodies.append(("\(spec.name) \(step.id)", resource, body)) }
            }
        }
        return bodies
    }

    @Test func everyRenderedBodyRoundTripsThroughItsModel() throws {
        let bodies = try Self.renderedBodies()
        #expect(Set(bodies.map(\.resource)) == [.cluster, .nodePool, .addon])
        for (step, resource, body) in bodies {
            var sent = body
            let again: JSONValue
            switch resource {
            case .cluster: again = try JSONValue(encoding: try body.decode(as: CCECluster.self))
            case .nodePool: again = try JSONValue(encoding: try body.decode(as: CCENodePool.self))
            case .addon:
                // The engine names the cluster before it sends an add-on.
                sent["spec"]?["clusterID"] = "cluster-id"
                again = try JSONValue(encoding: try sent.decode(as: CCEAddon.self))
            }
            #expect(again == sent, "\(step): \(ObjectDiff.changes(desired: sent, live: again).map(\.path))")
        }
    }
}
