import Foundation

/// A CCE node pool (`kind: NodePool`, `apiVersion: v3`): flavor, node count, autoscaling, node labels
/// (`k8sTags`), taints, container runtime and the post-install script (`extendParam["alpha.cce/postInstall"]`).
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

    /// What each node of the pool looks like.
    public struct NodeTemplate: Codable, Sendable, Hashable {
        /// ECS flavor, e.g. `c7.xlarge.2`.
        public var flavor: String
        public var az: String
        public var os: String?
        public var login: Login?
        public var rootVolume: Volume?
        public var dataVolumes: [Volume]?
        public var runtime: Runtime?
        /// Kubernetes labels of the nodes; CCE adds `cce.cloud.com/cce-nodepool`.
        public var k8sTags: [String: String]?
        public var taints: [Taint]?
        public var billingMode: Int?
        public var extendParam: ExtendParam?

        public init(
            flavor: String, az: String, os: String? = nil, login: Login? = nil, rootVolume: Volume? = nil,
            dataVolumes: [Volume]? = nil, runtime: Runtime? = nil, k8sTags: [String: String]? = nil,
            taints: [Taint]? = nil, extendParam: ExtendParam? = nil
        ) {
            self.flavor = flavor
            self.az = az
            self.os = os
            self.login = login
            self.rootVolume = rootVolume
            self.dataVolumes = dataVolumes
            self.runtime = runtime
            self.k8sTags = k8sTags
            self.taints = taints
            self.extendParam = extendParam
        }
    }

    /// How to log in to nodes: an SSH key pair name (passwords are not supported here).
    public struct Login: Codable, Sendable, Hashable {
        public var sshKey: String?
        public init(sshKey: String?) { self.sshKey = sshKey }
    }

    /// A disk: size in GB and EVS type (`SAS`, `SSD`, `GPSSD`, `ESSD`).
    public struct Volume: Codable, Sendable, Hashable {
        public var size: Int
        public var volumetype: String
        /// Required (true) on ElasticBMS pools.
        public var passthrough: Bool?

        public init(size: Int, volumetype: String, passthrough: Bool? = nil) {
            self.size = size
            self.volumetype = volumetype
            self.passthrough = passthrough
        }

        enum CodingKeys: String, CodingKey {
            case size, volumetype
            case passthrough = "hw:passthrough"
        }
    }

    /// The container runtime: `containerd` or `docker`.
    public struct Runtime: Codable, Sendable, Hashable {
        public var name: String
        public init(name: String) { self.name = name }
    }

    /// A node taint.
    public struct Taint: Codable, Sendable, Hashable {
        public var key: String
        public var value: String?
        /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
        public var effect: String

        public init(key: String, value: String?, effect: String) {
            self.key = key
            self.value = value
            self.effect = effect
        }
    }

    /// `nodeTemplate.extendParam`; the scripts are base64 and their keys contain a `/`.
    public struct ExtendParam: Codable, Sendable, Hashable {
        public var maxPods: Int?
        /// Base64 of a shell script run before Kubernetes is installed on the node.
        public var preInstall: String?
        /// Base64 of a shell script run after the node is installed (e.g. the kubelet and iptables hardening).
        public var postInstall: String?

        public init(maxPods: Int? = nil, preInstall: String? = nil, postInstall: String? = nil) {
            self.maxPods = maxPods
            self.preInstall = preInstall
            self.postInstall = postInstall
        }

        /// Parameters with a post-install script, base64-encoded as CCE expects.
        public init(maxPods: Int? = nil, postInstallScript script: String) {
            self.init(maxPods: maxPods, postInstall: Data(script.utf8).base64EncodedString())
        }

        /// The decoded post-install script.
        public var postInstallScript: String? {
            postInstall.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        }

        enum CodingKeys: String, CodingKey {
            case maxPods
            case preInstall = "alpha.cce/preInstall"
            case postInstall = "alpha.cce/postInstall"
        }
    }

    /// A `{id}` security group reference.
    public struct SecurityGroupID: Codable, Sendable, Hashable {
        public var id: String
        public init(id: String) { self.id = id }
    }

    /// What CCE reports: node counts, and a phase the SDK marks deprecated.
    public struct Status: Codable, Sendable, Hashable {
        /// `""`, `Synchronizing`/`Synchronized` scaling, `SoldOut`, `Deleting`, `Error`. A pool just created
        /// already reads `""`, with no node yet: the phase does not say the pool is ready.
        public var phase: String?
        /// The nodes the pool has, not counting those being deleted.
        public var currentNode: Int?
        public var creatingNode: Int?
        public var deletingNode: Int?
        public var jobId: String?

        public init(phase: String? = nil, currentNode: Int? = nil, creatingNode: Int? = nil, deletingNode: Int? = nil) {
            self.phase = phase
            self.currentNode = currentNode
            self.creatingNode = creatingNode
            self.deletingNode = deletingNode
        }
    }

    /// The node pool ID.
    public var id: String? { metadata.uid }

    /// Whether the pool has the nodes it wants: as many as `spec.initialNodeCount` (on a GET, the desired count)
    /// and none still being created. Without a status it is not.
    public var isReady: Bool {
        guard let status, let current = status.currentNode else { return false }
        return current == spec.initialNodeCount && (status.creatingNode ?? 0) == 0
    }

    /// How far the pool is, for waits: `1 of 3 nodes, 2 being created (phase Synchronizing)`.
    public var progress: String {
        let counts = "\(status?.currentNode ?? 0) of \(spec.initialNodeCount) nodes, \(status?.creatingNode ?? 0) being created"
        let phase = status?.phase ?? ""
        return phase.isEmpty ? counts : "\(counts) (phase \(phase))"
    }
}
