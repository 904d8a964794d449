/// The clusters tenants can be placed on (`kind: ClusterInventory`, usually `Tenants/clusters.yaml`).
public struct ClusterInventory: Sendable, Hashable {
    public var clusters: [ClusterProfile]
    /// Clusters the inventory names whose entries have errors (reported where they are), so are not in `clusters`.
    public var invalid: Set<String>
    /// Where runs and locks are kept for the team using this inventory (`state: kube://CONTEXT/NAMESPACE`); nil for
    /// the local state directory.
    public var state: StateLocation?

    public init(clusters: [ClusterProfile], invalid: Set<String> = [], state: StateLocation? = nil) {
        self.clusters = clusters
        self.invalid = invalid
        self.state = state
    }

    public func cluster(named name: String) -> ClusterProfile? { clusters.first { $0.name == name } }
}

/// What tenantctl knows about one cluster: how to reach it and the facts decisions depend on.
public struct ClusterProfile: Sendable, Hashable {
    public enum Category: String, Sendable, Hashable, CaseIterable, Codable {
        case cce = "CCE"
        case turbo = "Turbo"
    }

    public enum NetworkMode: String, Sendable, Hashable, CaseIterable, Codable {
        case tunnel
        case vpc
        case cloudNative2 = "cloud-native-2"
    }

    /// Which kubeconfig and context reach the cluster; nil fields mean kubectl's defaults.
    public struct KubeconfigRef: Sendable, Hashable {
        public var path: String?
        public var context: String?

        public init(path: String? = nil, context: String? = nil) {
            self.path = path
            self.context = context
        }
    }

    /// Where the cluster lives in Huawei Cloud; absent for a cluster that is not CCE.
    public struct CCERef: Sendable, Hashable {
        public var region: String
        public var projectID: String
        public var clusterID: String
        /// The cluster's VPC ID; a tenant's own cluster is created in the same network.
        public var vpc: String?
        /// The VPC's range, which the container range of a tenant's own cluster must stay out of.
        public var vpcCIDR: String?
        /// The node subnet's network ID (VPC's `neutron_network_id`): CCE's `hostNetwork.subnet`.
        public var networkID: String?
        /// The same subnet's IPv4 subnet ID (`neutron_subnet_id`): CCE's `eniNetwork.subnets[].subnetID`, which a
        /// Cloud Native 2.0 (Turbo) cluster gives its pods' addresses from.
        public var subnetID: String?
        /// Where and how tenantctl's node pools get their nodes: the availability zone (CCE takes no random one
        /// through its API) and the SSH key pair nodes log in with (CCE creates no node without a login).
        public var az: String?
        public var keyPair: String?
        /// The OS of secure-runtime (Kata) pools' nodes; nil takes `EulerOS 2.9`, what T-Systems' API reference
        /// documents for Kata on CCE Turbo.
        public var secureNodeOS: String?

        public init(
            region: String, projectID: String, clusterID: String, vpc: String? = nil, vpcCIDR: String? = nil,
            networkID: String? = nil, subnetID: String? = nil, az: String? = nil, keyPair: String? = nil,
            secureNodeOS: String? = nil
        ) {
            self.region = region
            self.projectID = projectID
            self.clusterID = clusterID
            self.vpc = vpc
            self.vpcCIDR = vpcCIDR
            self.networkID = networkID
            self.subnetID = subnetID
            self.az = az
            self.keyPair = keyPair
            self.secureNodeOS = secureNodeOS
        }
    }

    /// The shared worker nodes, for a tenant's share in the cost estimate.
    public struct SharedNodes: Sendable, Hashable {
        public var flavor: String
        public var count: Int64

        public init(flavor: String, count: Int64) {
            self.flavor = flavor
            self.count = count
        }
    }

    public var name: String
    public var kubeconfig: KubeconfigRef
    public var cce: CCERef?
    public var version: KubernetesVersion
    public var category: Category
    public var networkMode: NetworkMode
    /// Whether the secure (Kata) runtime is available: CCE Turbo with physical nodes.
    public var secureRuntime: Bool
    public var containerCIDR: String?
    /// The API server's address, for the G14 iptables rule.
    public var apiServerAddress: String?
    /// The management scale (`cce.s2.medium`), for cost.
    public var flavor: String?
    public var sharedNodes: SharedNodes?

    public init(
        name: String, kubeconfig: KubeconfigRef = KubeconfigRef(), cce: CCERef? = nil, version: KubernetesVersion,
        category: Category = .cce, networkMode: NetworkMode = .tunnel, secureRuntime: Bool = false,
        containerCIDR: String? = nil, apiServerAddress: String? = nil, flavor: String? = nil,
        sharedNodes: SharedNodes? = nil
    ) {
        self.name = name
        self.kubeconfig = kubeconfig
        self.cce = cce
        self.version = version
        self.category = category
        self.networkMode = networkMode
        self.secureRuntime = secureRuntime
        self.containerCIDR = containerCIDR
        self.apiServerAddress = apiServerAddress
        self.flavor = flavor
        self.sharedNodes = sharedNodes
    }
}

/// A Kubernetes minor version such as `v1.30` (a patch may follow: `v1.30.2-r0`).
public struct KubernetesVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `v1.30`, `v1.30.2`, `v1.30.2-r0` (the leading `v` is required, as CCE writes it).
    public init?(_ text: String) {
        guard text.first == "v" else { return nil }
        let parts = text.dropFirst().split(separator: "-", maxSplits: 1)[0].split(separator: ".")
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
            let major = Int(parts[0]), let minor = Int(parts[1])
        else { return nil }
        self.init(major: major, minor: minor)
    }

    public static func < (a: KubernetesVersion, b: KubernetesVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }
    public var description: String { "v\(major).\(minor)" }
}
