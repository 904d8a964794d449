import CCEModel
import Foundation
import JSON
import TenancyCore
import Testing

@testable import CloudAPI

/// Every CCE body TenancyCore renders for the example tenants is a value of its CCEModel type: decoded and
/// encoded again it is the same JSON, so no field the plan shows is dropped on the wire. Sent to the sandbox's
/// CCE and read back through the same type, it plans as no change: no update shows on every run.
@Suite struct BodyRoundTripTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The rendered cloud steps of every example tenant, and of finbank with the secure runtime (a Turbo
    /// cluster and a bare-metal pool).
    static func renderedSteps() throws -> [RenderedStep] {
        let files =
            try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("Tenants").path)
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
        var steps: [RenderedStep] = []
        for spec in specs {
            let cluster = try #require(inventory.cluster(named: spec.cluster))
            let decision = Decider.decide(spec, on: cluster, catalog: catalog)
            var version = cluster.version
            if case .own(let new) = decision.layout.site { version = new.version }
            let inputs = TenantPlanner.Inputs(
                spec: spec, decision: decision, cluster: cluster, facts: .assumed(version: version), playbook: playbook)
            for var step in try TenantPlanner.render(inputs) where step.body != nil {
                step.id = "\(spec.name) \(step.id)"
                steps.append(step)
            }
        }
        return steps
    }

    /// The rendered steps that make `resource`; at least one.
    static func steps(_ resource: Playbook.CloudResource) throws -> [RenderedStep] {
        let steps = try renderedSteps().filter { $0.resource == resource }
        try #require(!steps.isEmpty, "no example tenant renders a \(resource)")
        return steps
    }

    /// `body` decoded as `type` and encoded again.
    static func again<Body: Codable>(_ body: JSONValue, as type: Body.Type) throws -> JSONValue {
        try JSONValue(encoding: try body.decode(as: type))
    }

    /// What the plan does with `step` when its resource reads `live`.
    static func plannedAction(_ step: RenderedStep, live: some Encodable) throws -> PlannedChange {
        let key = try #require(step.resource.flatMap { CloudKey(resource: $0, body: step.body ?? [:]) })
        let state = LiveState(cloud: [key: try JSONValue(encoding: live)])
        return try #require(StepDiff.changes([step], live: state).first)
    }

    // MARK: Encoded, decoded and encoded again, each body is the same JSON

    @Test(arguments: [Playbook.CloudResource.cluster, .nodePool, .addon])
    func everyCreateBodyRoundTripsThroughItsType(_ resource: Playbook.CloudResource) throws {
        for step in try Self.steps(resource) {
            let body = try #require(step.body)
            let again: JSONValue
            switch resource {
            case .cluster: again = try Self.again(body, as: CCECluster.self)
            case .nodePool: again = try Self.again(body, as: CCENodePool.self)
            case .addon: again = try Self.again(body, as: CCEAddon.self)
            }
            #expect(again == body, "\(step.id): \(ObjectDiff.changes(desired: body, live: again).map(\.path))")
        }
    }

    @Test func everyNodePoolUpdateBodyRoundTripsThroughItsType() throws {
        for step in try Self.steps(.nodePool) {
            let update = try JSONValue(
                encoding: CCENodePoolUpdate(try #require(step.body).decode(as: CCENodePool.self)))
            #expect(try Self.again(update, as: CCENodePoolUpdate.self) == update, "\(step.id)")
        }
    }

    // MARK: Created in the sandbox's CCE and read back, each body plans as no change

    @Test func aClusterReadBackPlansAsNoChange() async throws {
        try await CCEHarness.with { harness async throws in
            let client = harness.client()
            for var step in try Self.steps(.cluster) {
                // The sandbox's VPC instead of the inventory's.
                var body = try #require(step.body)
                body["spec"]?["hostNetwork"] = ["vpc": "vpc-1", "subnet": "net-1"]
                if body.value(at: ["spec", "eniNetwork"]) != nil {
                    body["spec"]?["eniNetwork"] = ["subnets": [["subnetID": "subnet-1"]]]
                }
                step.body = body
                let created = try await client.createCluster(try body.decode(as: CCECluster.self))
                let live = try await client.waitForCluster(id: try #require(created.id))
                let change = try Self.plannedAction(step, live: live)
                #expect(change.action == .noOp, "\(step.id): \(change.fields.map(\.path)) \(change.message ?? "")")
            }
        }
    }

    @Test func aNodePoolReadBackPlansAsNoChangeAfterItsCreateAndAfterAnUpdate() async throws {
        try await CCEHarness.with { harness async throws in
            for (index, step) in try Self.steps(.nodePool).enumerated() {
                let (client, cluster) = try await harness.clientAndCluster("pools-\(index)")
                let pool = try #require(step.body).decode(as: CCENodePool.self)
                let id = try #require(try await client.createNodePool(pool, cluster: cluster).id)
                let created = try await client.waitForNodePool(id: id, cluster: cluster)
                var change = try Self.plannedAction(step, live: created)
                #expect(change.action == .noOp, "\(step.id): \(change.fields.map(\.path)) \(change.message ?? "")")

                _ = try await client.updateNodePool(pool, id: id, cluster: cluster)
                let updated = try await client.waitForNodePool(id: id, cluster: cluster)
                change = try Self.plannedAction(step, live: updated)
                #expect(change.action == .noOp, "\(step.id) updated: \(change.fields.map(\.path))")
            }
        }
    }

    @Test func anAddonReadBackPlansAsNoChange() async throws {
        try await CCEHarness.with { harness async throws in
            for (index, step) in try Self.steps(.addon).enumerated() {
                let (client, cluster) = try await harness.clientAndCluster("addons-\(index)")
                var addon = try #require(step.body).decode(as: CCEAddon.self)
                addon.spec.clusterID = cluster
                let id = try #require(try await client.installAddon(addon).id)
                let live = try await client.waitForAddon(id: id, cluster: cluster)
                let change = try Self.plannedAction(step, live: live)
                #expect(change.action == .noOp, "\(step.id): \(change.fields.map(\.path)) \(change.message ?? "")")
            }
        }
    }
}

extension RenderedStep {
    /// The cloud resource the step makes, if it makes one.
    fileprivate var resource: Playbook.CloudResource? {
        guard case .cloud(let resource, _, _) = action else { return nil }
        return resource
    }

    /// The CCE body of a cloud step.
    fileprivate var body: JSONValue? {
        get {
            guard case .cloud(_, _, let body) = action else { return nil }
            return body
        }
        set {
            guard case .cloud(let resource, let ensure, _) = action, let newValue else { return }
            action = .cloud(resource, ensure: ensure, body: newValue)
        }
    }
}
