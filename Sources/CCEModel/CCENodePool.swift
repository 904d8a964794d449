/// A CCE node pool (`kind: NodePool`, `apiVersion: v3`), shaped after the SDK's `NodePool`: the create body
/// tenantctl renders and sends, and the pool as CCE returns it (with `metadata.uid` and `status`).
public struct CCENodePool: Codable, Sendable, Hashable {
    public var kind = "NodePool"
    public var apiVersion = "v3"
    public var metadata: CCEMetadata
    public var spec: Spec
    public var status: Status?

    public init(metadata: CCEMetadata, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }

    /// The desired pool.
    public struct Spec: Codable, Sendable, Hashable {
        /// `vm` (default), `ElasticBMS` (Turbo bare metal) or `pm`.
        public var type: String?
        /// On create the starting size; on GET and PUT the desired size (PUT without it scales to 0).
        public var initialNodeCount: Int
        public var autoscaling: Autoscaling?
        public var nodeTemplate: NodeTemplate
        public var podSecurityGroups: [SecurityGroupID]?

        public init(
            type: String? = "vm", initialNodeCount: Int, autoscaling: Autoscaling? = nil, nodeTemplate: NodeTemplate
        ) {
            self.type = type
            self.initialNodeCount = initialNodeCount
            self.autoscaling = autoscaling
            self.nodeTemplate = nodeTemplate
        }
    }

    /// Autoscaler bounds for the pool.
    public struct Autoscaling: Codable, Sendable, Hashable {
        public var enable: Bool
        public var minNodeCount: Int?
        public var maxNodeCount: Int?
        /// Minutes.
        public var scaleDownCooldownTime: Int?
        public var priority: Int?

        public init(enable: Bool, minNodeCount: Int? = nil, maxNodeCount: Int? = nil, priority: Int? = nil) {
            self.enable = enable
            self.minNodeCount = minNodeCount
            self.maxNodeCount = maxNodeCount
            self.priority = priority
        }
    }

    /// The node pool ID.
    public var id: String? { metadata.uid }
}
