/// The body of `PUT …/nodepools/{id}`, shaped after the SDK's `NodePoolUpdate`: not the create body. Its node
/// template holds only what CCE changes in place — no flavor or availability zone (changing those means a new
/// pool), volumes as `rootVolumeUpdate`/`dataVolumesUpdate` — and the node count is sent only when no autoscaler
/// owns it: with autoscaling on, `ignoreInitialNodeCount` keeps the size the autoscaler chose (a missing count
/// without it reads as 0 and scales the pool in).
public struct CCENodePoolUpdate: Codable, Sendable, Hashable {
    public var metadata: Metadata
    public var spec: Spec

    /// `{"name": …}`.
    public struct Metadata: Codable, Sendable, Hashable {
        public var name: String
    }

    /// What the update changes: the template, the autoscaling and the node count (see above).
    public struct Spec: Codable, Sendable, Hashable {
        public var nodeTemplate: NodeTemplate
        public var initialNodeCount: Int?
        public var ignoreInitialNodeCount: Bool?
        public var autoscaling: CCENodePool.Autoscaling?
    }

    /// The SDK's `NodeSpecUpdate`, with the fields tenantctl sets. `taints` and `k8sTags` are always sent: a
    /// missing one clears the pool's.
    public struct NodeTemplate: Codable, Sendable, Hashable {
        public var os: String?
        public var rootVolumeUpdate: CCENodePool.Volume?
        public var dataVolumesUpdate: [CCENodePool.Volume]?
        public var runtime: CCENodePool.Runtime?
        public var taints: [CCENodePool.Taint]
        public var k8sTags: [String: String]
        public var extendParam: ExtendParam?
    }

    /// The SDK's `NodePoolUpdateExtendParam`: the scripts (no `maxPods`, which cannot change).
    public struct ExtendParam: Codable, Sendable, Hashable {
        public var preInstall: String?
        public var postInstall: String?

        enum CodingKeys: String, CodingKey {
            case preInstall = "alpha.cce/preInstall"
            case postInstall = "alpha.cce/postInstall"
        }
    }

    /// The update that makes a pool like `pool` (a create body, or a pool as read): its name, what can change of
    /// its template (without the labels CCE adds, `cce.cloud.com/…`), its autoscaling, and its node count unless
    /// autoscaling is on.
    public init(_ pool: CCENodePool) {
        let template = pool.spec.nodeTemplate
        let scaled = pool.spec.autoscaling?.enable == true
        metadata = Metadata(name: pool.metadata.name)
        spec = Spec(
            nodeTemplate: NodeTemplate(
                os: template.os, rootVolumeUpdate: template.rootVolume, dataVolumesUpdate: template.dataVolumes,
                runtime: template.runtime, taints: template.taints ?? [],
                k8sTags: (template.k8sTags ?? [:]).filter { !$0.key.hasPrefix("cce.cloud.com/") },
                extendParam: template.extendParam.map {
                    ExtendParam(preInstall: $0.preInstall, postInstall: $0.postInstall)
                }),
            initialNodeCount: scaled ? nil : pool.spec.initialNodeCount, ignoreInitialNodeCount: scaled ? true : nil,
            autoscaling: pool.spec.autoscaling)
    }
}
