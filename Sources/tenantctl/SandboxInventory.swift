import Foundation
import Sandbox
import TenancyCore

/// The cluster inventory a sandbox stands in for (`sandbox start --inventory`): one seeded CCE cluster per
/// inventory cluster with a `cce:` ref, and a kubeconfig context per cluster name and per context the
/// inventory's `kubeconfig:` refs name, all answered by the sandbox's one Kubernetes API.
struct SandboxInventory {
    var clusters: [ClusterProfile]

    /// Reads the inventory in `path`; invalid input is a usage error quoting every problem.
    static func load(_ path: String) throws -> SandboxInventory {
        SandboxInventory(clusters: try InventoryFile.load(path).clusters)
    }

    /// The CCE clusters to seed, as the inventory describes them.
    var seedClusters: [CCEConfiguration.SeedCluster] {
        clusters.compactMap { profile in
            guard let cce = profile.cce else { return nil }
            return CCEConfiguration.SeedCluster(
                id: cce.clusterID, name: profile.name, version: profile.version.description,
                flavor: profile.flavor ?? "cce.s2.medium",
                category: profile.category == .turbo ? .turbo : .cce,
                networkMode: Self.networkMode(profile.networkMode), projectID: cce.projectID)
        }
    }

    /// The VPCs the inventory's `cce:` entries name, each with its range and the subnets whose IDs they give: where the
    /// sandbox's CCE API lets a tenant's own cluster be created. A subnet without an IPv4 subnet ID in the
    /// inventory is known by its network ID only.
    var networks: [CCEConfiguration.VPC] {
        var subnets: [String: [CCEConfiguration.VPC.Subnet]] = [:]
        var ranges: [String: String] = [:]
        for case let cce? in clusters.map(\.cce) {
            guard let vpc = cce.vpc, let networkID = cce.networkID else { continue }
            subnets[vpc, default: []].append(.init(networkID: networkID, subnetID: cce.subnetID))
            ranges[vpc] = ranges[vpc] ?? cce.vpcCIDR
        }
        return subnets.keys.sorted().map { CCEConfiguration.VPC(id: $0, cidr: ranges[$0], subnets: subnets[$0] ?? []) }
    }

    /// Every cluster name, then every context the `kubeconfig:` refs name (repeats are the kubeconfig's to drop).
    var contextNames: [String] { clusters.map(\.name) + clusters.compactMap(\.kubeconfig.context) }

    private static func networkMode(_ mode: ClusterProfile.NetworkMode) -> CCEConfiguration.SeedCluster.NetworkMode {
        switch mode {
        case .tunnel: .overlayL2
        case .vpc: .vpcRouter
        case .cloudNative2: .eni
        }
    }
}
