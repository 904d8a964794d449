import Foundation
import IPv4
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
        return WorkspaceLoader.load([
            acme, Fixtures.inline(text.replacingOccurrences(of: old, with: new), path: "clusters.yaml"),
        ])
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
        #expect(
            cluster.value(at: ["spec", "hostNetwork"]) == [
                "vpc": .string(try #require(shared.vpc)), "subnet": .string(try #require(shared.networkID)),
            ])
        #expect(
            cluster.value(at: ["spec", "eniNetwork"]) == [
                "subnets": [["subnetID": .string(try #require(shared.subnetID))]]
            ])
        #expect(shared.networkID != shared.subnetID)
    }

    @Test func aTurboClusterWithoutASubnetIDIsNotPlanned() throws {
        var onboarding = try Onboarding.load()
        let index = try #require(onboarding.inventory.clusters.firstIndex { $0.name == "shared-prod" })
        onboarding.inventory.clusters[index].cce?.subnetID = nil
        let inputs = try onboarding.inputs("finbank", Self.secure)
        let error = #expect(throws: PlanningError.self) { try TenantPlanner.render(inputs) }
        #expect(
            error?.messages == [
                "finbank gets a cluster of its own in the network of shared-prod, but the inventory gives no cce.subnetID for shared-prod"
            ])
        // A standard cluster needs no IPv4 subnet ID.
        #expect(try TenantPlanner.render(try onboarding.inputs("finbank")).step("cluster") != nil)
    }

    @Test func theOldSubnetFieldIsAnErrorThatSaysWhatReplacedIt() throws {
        let workspace = try Self.inventory(replacing: "networkID: 9e8d7c6b", with: "subnet: 9e8d7c6b")
        let error = try #require(workspace.diagnostics.first { $0.path == "clusters[0].cce.subnet" })
        #expect(
            error.message.contains("write networkID (the subnet's network ID, CCE's hostNetwork.subnet) and subnetID"))
        let text = String(
            decoding: try Fixtures.source(Fixtures.repository.appendingPathComponent("Tenants/clusters.yaml")).bytes,
            as: UTF8.self)
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("networkID: 9e8d") }) + 1
        #expect(error.file == "clusters.yaml" && error.line == line && error.column == 19)
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
        #expect(
            errors.first?.text
                == "its dedicated node pool is named \(long)-pool, and \"\(long)-pool\" is 51 characters long; CCE takes 1 to 50; rename the tenant"
        )
        #expect(try Self.nameErrors("acme", renamed: String(repeating: "a", count: 45)).isEmpty)
        #expect(try Self.nameErrors("acme", renamed: "7eleven").first?.text.contains("starting with a letter") == true)
        // A tenant on shared nodes gets no pool: its name is the DNS label's business only.
        #expect(try Self.nameErrors("batchco", renamed: "7eleven").isEmpty)
    }

    @Test func aTenantWhoseOwnClusterNameCCERefusesIsAnErrorAtItsName() throws {
        let errors = try Self.nameErrors("finbank", renamed: "fin")
        #expect(errors.count == 1)
        #expect(
            errors.first?.text
                == "its own cluster is named after it, and \"fin\" is 3 characters long; CCE takes 4 to 128; rename the tenant"
        )
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

    // MARK: Row 10: the container range comes from the spec and stays out of the VPC's and the Services'

    @Test func theOwnClustersContainerRangeIsTheSpecsOrTheDefault() throws {
        let onboarding = try Onboarding.load()
        let standard = try #require(
            try TenantPlanner.render(try onboarding.inputs("finbank")).step("cluster")?.body(.cluster))
        #expect(standard.value(at: ["spec", "containerNetwork"]) == ["mode": "overlay_l2", "cidr": "172.16.0.0/16"])
        let given = try onboarding.inputs("finbank") { $0.containerCIDR = "10.32.0.0/16" }
        let cluster = try #require(try TenantPlanner.render(given).step("cluster")?.body(.cluster))
        #expect(cluster.value(at: ["spec", "containerNetwork", "cidr"]) == "10.32.0.0/16")
    }

    @Test func aContainerRangeOverlappingTheVPCOrTheServicesIsAnError() throws {
        var onboarding = try Onboarding.load()
        let index = try #require(onboarding.inventory.clusters.firstIndex { $0.name == "shared-prod" })
        var spec = try #require(onboarding.specs["finbank"])
        func errors() -> [Reason] {
            Decider.decide(spec, on: onboarding.inventory.clusters[index], catalog: onboarding.catalog).reasons.filter {
                $0.kind == .error
            }
        }
        spec.containerCIDR = "192.168.128.0/17"
        #expect(
            errors().map(\.text) == [
                "its own cluster's pods would take spec.containerCIDR 192.168.128.0/17, which overlaps shared-prod's VPC 192.168.0.0/16: CCE refuses it and cannot change it later; give a free range"
            ])
        #expect(errors().first?.fields == [.spec("containerCIDR"), .cluster("shared-prod", "cce.vpcCIDR")])
        spec.containerCIDR = "10.240.0.0/12"
        #expect(errors().first?.text.contains("overlaps the cluster's Service range 10.247.0.0/16") == true)
        spec.containerCIDR = nil
        onboarding.inventory.clusters[index].cce?.vpcCIDR = "172.16.0.0/12"
        #expect(
            errors().first?.text.contains(
                "the default container range 172.16.0.0/16 (spec.containerCIDR sets another), which overlaps shared-prod's VPC 172.16.0.0/12"
            ) == true)
        #expect(errors().first?.fields == [.cluster("shared-prod", "cce.vpcCIDR")])
        onboarding.inventory.clusters[index].cce?.vpcCIDR = nil
        let error = #expect(throws: PlanningError.self) { try TenantPlanner.render(try onboarding.inputs("finbank")) }
        #expect(
            error?.messages == [
                "finbank gets a cluster of its own in the network of shared-prod, but the inventory gives no cce.vpcCIDR for shared-prod"
            ])
    }

    @Test func aContainerRangeThatIsNoCIDRIsAnErrorAtItsPlace() throws {
        let finbank = try Fixtures.source(Fixtures.repository.appendingPathComponent("Tenants/finbank.yaml"))
        let text = String(decoding: finbank.bytes, as: UTF8.self).replacingOccurrences(
            of: "  runtime: standard", with: "  containerCIDR: 10.32.0.0/33\n  runtime: standard")
        let inventory = try Fixtures.source(Fixtures.repository.appendingPathComponent("Tenants/clusters.yaml"))
        let workspace = WorkspaceLoader.load([Fixtures.inline(text, path: "finbank.yaml"), inventory])
        let error = try #require(workspace.diagnostics.first { $0.path == "spec.containerCIDR" })
        #expect(error.message == "\"10.32.0.0/33\" is not an IPv4 CIDR such as 10.0.0.0/16")
        #expect(error.file == "finbank.yaml" && error.line == 25 && error.column == 18)
    }

    @Test func rangesOverlapWhenOneHoldsTheOthersFirstAddress() throws {
        let vpc = try #require(IPv4Network("192.168.0.0/16"))
        #expect(vpc.overlaps(try #require(IPv4Network("192.168.200.0/24"))))
        #expect(try #require(IPv4Network("192.168.200.0/24")).overlaps(vpc))
        #expect(!vpc.overlaps(try #require(IPv4Network("172.16.0.0/16"))))
        #expect(try #require(IPv4Network("0.0.0.0/0")).overlaps(vpc))
        #expect(IPv4Network("10.0.0.0/16")?.description == "10.0.0.0/16")
        #expect(
            IPv4Network("10.0.0/16") == nil && IPv4Network("10.00.0.0/16") == nil && IPv4Network("10.0.0.0/x") == nil)
    }

    // The Kata nodes' OS: the sources disagree, so it is a setting with the documented default

    @Test func secureNodesRunTheInventorysSecureOSElseTheDocumentedOne() throws {
        var onboarding = try Onboarding.load()
        let pool = { (onboarding: Onboarding) in
            try #require(try onboarding.render("crowdlabs").step("tenant-pool")?.body(.nodePool))
        }
        #expect(try pool(onboarding).value(at: ["spec", "nodeTemplate", "os"]) == "EulerOS 2.9")
        let index = try #require(onboarding.inventory.clusters.firstIndex { $0.name == "turbo-secure" })
        onboarding.inventory.clusters[index].cce?.secureNodeOS = "Huawei Cloud EulerOS 2.0"
        #expect(try pool(onboarding).value(at: ["spec", "nodeTemplate", "os"]) == "Huawei Cloud EulerOS 2.0")
        #expect(
            try onboarding.render("acme").step("tenant-pool")?.body(.nodePool)?.value(at: [
                "spec", "nodeTemplate", "os",
            ]) == "Huawei Cloud EulerOS 2.0")
    }
}
