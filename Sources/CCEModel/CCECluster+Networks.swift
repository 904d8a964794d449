extension CCECluster {
    /// The VPC, subnet and node security group.
    public struct HostNetwork: Codable, Sendable, Hashable {
        public var vpc: String
        /// The subnet's network ID.
        public var subnet: String
        public var securityGroup: String?
        public var controlPlaneSecurityGroup: String?

        public init(vpc: String, subnet: String, securityGroup: String? = nil) {
            self.vpc = vpc
            self.subnet = subnet
            self.securityGroup = securityGroup
        }

        enum CodingKeys: String, CodingKey {
            case vpc, subnet, controlPlaneSecurityGroup
            case securityGroup = "SecurityGroup"
        }
    }

    /// The container network: its mode and CIDR blocks.
    public struct ContainerNetwork: Codable, Sendable, Hashable {
        public var mode: NetworkMode
        /// Deprecated single CIDR; still what most examples send.
        public var cidr: String?
        public var cidrs: [CIDR]?

        public init(mode: NetworkMode, cidr: String? = nil, cidrs: [CIDR]? = nil) {
            self.mode = mode
            self.cidr = cidr
            self.cidrs = cidrs
        }
    }

    /// `spec.containerNetwork.mode`.
    public struct NetworkMode: OpenEnumeration {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Container tunnel network (OVS).
        public static let overlayL2: Self = "overlay_l2"
        /// VPC network.
        public static let vpcRouter: Self = "vpc-router"
        /// Cloud Native 2.0 (Turbo only).
        public static let eni: Self = "eni"
    }

    /// A `{cidr}` entry.
    public struct CIDR: Codable, Sendable, Hashable {
        public var cidr: String
        public init(cidr: String) { self.cidr = cidr }
    }

    /// Turbo's pod subnets.
    public struct ENINetwork: Codable, Sendable, Hashable {
        public var subnets: [Subnet]
        public init(subnets: [Subnet]) { self.subnets = subnets }

        /// An IPv4 subnet ID.
        public struct Subnet: Codable, Sendable, Hashable {
            public var subnetID: String
            public init(subnetID: String) { self.subnetID = subnetID }
        }
    }

    /// The service CIDR.
    public struct ServiceNetwork: Codable, Sendable, Hashable {
        public var ipv4CIDR: String?
        public init(ipv4CIDR: String?) { self.ipv4CIDR = ipv4CIDR }
        enum CodingKeys: String, CodingKey { case ipv4CIDR = "IPv4CIDR" }
    }
}
