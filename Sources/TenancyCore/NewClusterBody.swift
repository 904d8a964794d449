import JSON

/// The CCE create body of a tenant's own cluster (G9): the decided version, category, network and management
/// flavor, in the VPC and subnet of the cluster the spec names (the subnet's network ID for the nodes, its IPv4
/// subnet ID for Cloud Native 2.0 pods), tagged for the tenant.
enum NewClusterBody {
    static func body(tenant: String, _ new: Layout.NewCluster, network: ClusterProfile.CCERef?) -> JSONValue {
        var spec: JSONValue = [
            "category": .string(new.category.rawValue), "type": "VirtualMachine", "flavor": .string(new.flavor),
            "version": .string(new.version.description),
            "description": .string("Cluster of tenant \(tenant), created by tenantctl"),
            "hostNetwork": ["vpc": .string(network?.vpc ?? ""), "subnet": .string(network?.networkID ?? "")],
            "serviceNetwork": ["IPv4CIDR": .string(Layout.NewCluster.serviceCIDR)],
            "clusterTags": [["key": "tenantctl-tenant", "value": .string(tenant)]],
        ]
        switch new.networkMode {
        case .tunnel: spec["containerNetwork"] = ["mode": "overlay_l2", "cidr": .string(new.containerCIDR ?? "")]
        case .vpc: spec["containerNetwork"] = ["mode": "vpc-router", "cidr": .string(new.containerCIDR ?? "")]
        case .cloudNative2:
            spec["containerNetwork"] = ["mode": "eni"]
            spec["eniNetwork"] = ["subnets": [["subnetID": .string(network?.subnetID ?? "")]]]
        }
        return ["kind": "Cluster", "apiVersion": "v3", "metadata": ["name": .string(tenant)], "spec": spec]
    }
}
