import CCEModel

/// What every node pool tenantctl creates shares in its CCE `nodeTemplate`: the flavor, the inventory's zone
/// and login key pair, the OS, GPSSD system and data disks and containerd. Callers add labels, taints and
/// extensions.
enum NodeTemplate {
    /// The OS of secure-runtime (Kata) nodes unless the inventory's `cce.secureNodeOS` names another. The sources
    /// disagree: T-Systems' API reference says Kata nodes on CCE Turbo support EulerOS 2.9; other pools run
    /// Huawei Cloud EulerOS 2.0. This takes the documented one.
    static let defaultSecureOS = "EulerOS 2.9"

    static func base(flavor: String, _ cluster: ClusterProfile) -> CCENodePool.NodeTemplate {
        CCENodePool.NodeTemplate(
            flavor: flavor, az: cluster.cce?.az ?? "", os: "Huawei Cloud EulerOS 2.0",
            login: .init(sshKey: cluster.cce?.keyPair ?? ""), rootVolume: .init(size: 50, volumetype: "GPSSD"),
            dataVolumes: [.init(size: 100, volumetype: "GPSSD")], runtime: .init(name: "containerd"))
    }
}
