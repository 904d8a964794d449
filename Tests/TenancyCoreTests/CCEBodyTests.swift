import Foundation
import JSON
import Testing

@testable import TenancyCore

/// The CCE request bodies TenancyCore renders carry what real CCE accepts: the right kind of ID in each network
/// field, names CCE allows, container ranges that fit the network.
@Suite struct CCEBodyTests {
    /// The example inventory with `old` replaced by `new`, read beside acme's spec.
    private static func inventory(replacing old: String, with new: String) throws -> Workspace {
        let acme = try Fixtures.source(Fixtures.repository.appendingPathComponent("Tenants/acme.yaml"))
        let file = Fixtures.repository.appendingPathComponent("Tenants/clusters.yaml")
        let text = String(decoding: try Fixtures.source(file).bytes, as: UTF8.self)
        #expect(text.contains(old))
        return WorkspaceLoader.load([acme, Fixtures.inline(text.replacingOccurrences(of: old, with: new), path: "clusters.yaml")])
    }

    /// Finbank made a secure-runtime tenant: its own cluster is CCE Turbo, on bare-metal nodes.
    private static func secure(_ spec: inout TenantSpec) {
        spec.runtime = .secure
        spec.nodePool?.flavor = "c6.22xlarge.2.physical"
        let limit = spec.limits?.container?.default
        spec.limits?.container?.defaultRequest = limit
    }

    // MARK: Row 1: the network ID and the IPv4 subnet ID are two fields

    @Test func aTurboClusterGetsTheNetworkIDForItsNodesAndTheSubnetIDForItsPods() throws {
        let onboarding = try Onboarding.load()
        let inputs = try onboarding.inputs("finbank", Self.secure)
        guard case .own(let new) = inputs.decision.layout.site else {
            Issue.record("finbank should get a cluster of its own")
            return
        }
        #expect(new.category == .turbo)
        let cluster = try #require(try TenantPlanner.render(inputs).step("cluster")?.body(.cluster))
        let shared = try #require(onboarding.inventory.cluster(named: "shared-prod")?.cce)
        #expect(cluster.value(at: ["spec", "hostNetwork"]) == ["vpc": .string(try #require(shared.vpc)), "subnet": .string(try #require(shared.networkID))])
        #expect(cluster.value(at: ["spec", "eniNetwork"]) == ["subnets": [["subnetID": .string(try #require(shared.subnetID))]]])
        #expect(shared.networkID != shared.subnetID)
    }

    @Test func aTurboClusterWithoutASubnetIDIsNotPlanned() throws {
        var onboarding = try Onboarding.load()
        let index = try #require(onboarding.inventory.clusters.firstIndex { $0.name == "shared-prod" })
        onboarding.inventory.clusters[index].cce?.subnetID = nil
        let inputs = try onboarding.inputs("finbank", Self.secure)
        let error = #expect(throws: PlanningError.self) { try TenantPlanner.render(inputs) }
        #expect(error?.messages == ["finbank gets a cluster of its own in the network of shared-prod, but the inventory gives no cce.subnetID for shared-prod"])
        // A standard cluster needs no IPv4 subnet ID.
        #expect(try TenantPlanner.render(try onboarding.inputs("finbank")).step("cluster") != nil)
    }

    @Test func theOldSubnetFieldIsAnErrorThatSaysWhatReplacedIt() throws {
        let workspace = try Self.inventory(replacing: "networkID: 9e8d7c6b", with: "subnet: 9e8d7c6b")
        let error = try #require(workspace.diagnostics.first { $0.path == "clusters[0].cce.subnet" })
        #expect(error.message.contains("write networkID (the subnet's network ID, CCE's hostNetwork.subnet) and subnetID"))
        #expect(error.file == "clusters.yaml" && error.line == 18 && error.column == 19)
    }
}
