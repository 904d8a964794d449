import CCEModel

/// The CCE create body of a tenant's own cluster (G9): the decided version, category, network and management
/// flavor, in the VPC and subnet of the cluster the spec names (the subnet's network ID for the nodes, its IPv4
/// subnet ID for Cloud Native 2.0 pods), tagged for the tenant.
enum NewClusterBody {
    static func body(tenant: String, _ new: Layout.NewCluster, network: ClusterProfile.CCERef?) -> CCECluster {
        let containerNetwork: CCECluster.ContainerNetwork
        var eniNetwork: CCECluster.ENINetwork?
        switch new.networkMode {
        case .tunnel: containerNetwork = .init(mode: .overlayL2, cidr: new.containerCIDR ?? "")
        case .vpc: containerNetwork = .init(mode: .vpcRouter, cidr: new.containerCIDR ?? "")
        case .cloudNative2:
            containerNetwork = .init(mode: .eni)
            eniNetwork = .init(subnets: [.init(subnetID: network?.subnetID ?? "")])
        }
        let spec = CCECluster.Spec(
            category: new.category.rawValue, type: "VirtualMachine", flavor: new.flavor,
            version: new.version.description, description: "Cluster of tenant \(tenant), created by tenantctl",
            hostNetwork: .init(vpc: network?.vpc ?? "", subnet: network?.networkID ?? ""),
            containerNetwork: containerNetwork, eniNetwork: eniNetwork,
            serviceNetwork: .init(ipv4CIDR: Layout.NewCluster.serviceCIDR), authentication: nil, billingMode: nil,
            clusterTags: [.init(key: TenantMarks.clusterTag, value: tenant)])
        return CCECluster(metadata: CCEMetadata(name: tenant), spec: spec)
    }
}
