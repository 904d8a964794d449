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

    // MARK: Row 3: names CCE takes

    /// The errors of the decision for example tenant `tenant` renamed `name`.
    private static func nameErrors(_ tenant: String, renamed name: String) throws -> [Reason] {
        let onboarding = try Onboarding.load()
        var spec = try #require(onboarding.specs[tenant])
        spec.name = name
        let cluster = try #require(onboarding.inventory.cluster(named: spec.cluster))
        return Decider.decide(spec, on: cluster, catalog: onboarding.catalog).reasons.filter { $0.kind == .error }
    }

    @Test func aTenantWhosePoolNameCCERefusesIsAnErrorAtItsName() throws {
        let long = String(repeating: "a", count: 46)
        let errors = try Self.nameErrors("acme", renamed: long)
        #expect(errors.map(\.fields) == [[.spec(FieldPath("metadata", "name"))]])
        #expect(errors.first?.text == "its dedicated node pool is named \(long)-pool, and \"\(long)-pool\" is 51 characters long; CCE takes 1 to 50; rename the tenant")
        #expect(try Self.nameErrors("acme", renamed: String(repeating: "a", count: 45)).isEmpty)
        #expect(try Self.nameErrors("acme", renamed: "7eleven").first?.text.contains("starting with a letter") == true)
        // A tenant on shared nodes gets no pool: its name is the DNS label's business only.
        #expect(try Self.nameErrors("batchco", renamed: "7eleven").isEmpty)
    }

    @Test func aTenantWhoseOwnClusterNameCCERefusesIsAnErrorAtItsName() throws {
        let errors = try Self.nameErrors("finbank", renamed: "fin")
        #expect(errors.count == 1)
        #expect(errors.first?.text == "its own cluster is named after it, and \"fin\" is 3 characters long; CCE takes 4 to 128; rename the tenant")
        #expect(try Self.nameErrors("finbank", renamed: "9bank").map(\.text).count == 2)
    }

    @Test func cceNamesAreLowercaseStartWithALetterAndDoNotEndInAHyphen() {
        #expect(Names.cceNodePoolNameProblem("acme-pool") == nil)
        #expect(Names.cceNodePoolNameProblem("DefaultPool") != nil)
        #expect(Names.cceNodePoolNameProblem("acme-") != nil)
        #expect(Names.cceClusterNameProblem("acme") == nil)
        #expect(Names.cceClusterNameProblem("a_cme") != nil)
        #expect(Names.cceClusterNameProblem(String(repeating: "a", count: 129)) != nil)
    }
}
