import Foundation

extension CCENodePool {
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
}
