import JSON

/// A CCE cluster (`kind: Cluster`, `apiVersion: v3`), shaped after the SDK's `Cluster` with the JSON keys of the
/// v3 API, its odd spellings included (`hostNetwork.SecurityGroup`, `serviceNetwork.IPv4CIDR`): the create body
/// tenantctl renders and sends, and the cluster as CCE returns it (with `metadata.uid` and `status`).
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

    /// The cluster ID.
    public var id: String? { metadata.uid }
}
