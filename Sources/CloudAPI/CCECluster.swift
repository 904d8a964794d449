import Foundation
import JSON

/// A CCE cluster (`kind: Cluster`, `apiVersion: v3`) with the JSON keys of the v3 API, including its odd
/// spellings (`hostNetwork.SecurityGroup`, `serviceNetwork.IPv4CIDR`).
public struct CCECluster: Codable, Sendable, Hashable {
    public var kind = "Cluster"
    public var apiVersion = "v3"
    public var metadata: CCEMetadata
    public var spec: Spec
    public var status: Status?

    public init(metadata: CCEMetadata, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }

    /// The desired cluster.
    public struct Spec: Codable, Sendable, Hashable {
        /// `CCE` or `Turbo` (CCE Turbo, Cloud Native 2.0).
        public var category: String?
        /// `VirtualMachine` or `ARM64`.
        public var type: String?
        /// Control-plane scale, e.g. `cce.s2.small`.
        public var flavor: String
        /// `vX.Y`; nil picks the newest.
        public var version: String?
        public var platformVersion: String?
        public var description: String?
        public var hostNetwork: HostNetwork
        public var containerNetwork: ContainerNetwork
        public var eniNetwork: ENINetwork?
        public var serviceNetwork: ServiceNetwork?
        public var authentication: Authentication?
        /// 0 pay-per-use, 1 prepaid.
        public var billingMode: Int?
        /// `iptables` or `ipvs`.
        public var kubeProxyMode: String?
        public var extendParam: [String: JSONValue]?
        public var clusterTags: [ResourceTag]?
        public var deletionProtection: Bool?

        public init(
            category: String? = "CCE", type: String? = "VirtualMachine", flavor: String, version: String? = nil,
            description: String? = nil, hostNetwork: HostNetwork, containerNetwork: ContainerNetwork,
            eniNetwork: ENINetwork? = nil, serviceNetwork: ServiceNetwork? = nil,
            authentication: Authentication? = Authentication(mode: "rbac"), billingMode: Int? = 0,
            clusterTags: [ResourceTag]? = nil
        ) {
            self.category = category
            self.type = type
            self.flavor = flavor
            self.version = version
            self.description = description
            self.hostNetwork = hostNetwork
            self.containerNetwork = containerNetwork
            self.eniNetwork = eniNetwork
            self.serviceNetwork = serviceNetwork
            self.authentication = authentication
            self.billingMode = billingMode
            self.clusterTags = clusterTags
        }
    }

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

    /// The API server's authentication mode (`rbac`).
    public struct Authentication: Codable, Sendable, Hashable {
        public var mode: String
        public init(mode: String) { self.mode = mode }
    }

    /// A cluster tag. Keys allow up to 36 characters and no `/`, values up to 43.
    public struct ResourceTag: Codable, Sendable, Hashable {
        public var key: String
        public var value: String?
        public init(key: String, value: String?) {
            self.key = key
            self.value = value
        }
    }

    /// What CCE reports.
    public struct Status: Codable, Sendable, Hashable {
        public var phase: Phase?
        /// The job of the create or delete that returned this object.
        public var jobID: String?
        public var reason: String?
        public var message: String?
        public var endpoints: [Endpoint]?
    }

    /// `status.phase`.
    public struct Phase: OpenEnumeration {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let available: Self = "Available"
        public static let creating: Self = "Creating"
        public static let deleting: Self = "Deleting"
        public static let unavailable: Self = "Unavailable"
        public static let error: Self = "Error"
    }

    /// An API server address.
    public struct Endpoint: Codable, Sendable, Hashable {
        public var url: String?
        /// `Internal` or `External`.
        public var type: String?
    }

    /// The cluster ID.
    public var id: String? { metadata.uid }
}
