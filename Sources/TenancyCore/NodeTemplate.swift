import JSON

/// What every node pool tenantctl creates shares in its CCE `nodeTemplate`: the flavor, the inventory's zone
/// and login key pair, the OS, GPSSD system and data disks and containerd. Callers add labels, taints and
/// extensions.
enum NodeTemplate {
    static func base(flavor: String, _ cluster: ClusterProfile) -> JSONValue {
        [
            "flavor": .string(flavor), "az": .string(cluster.cce?.az ?? ""), "os": "Huawei Cloud EulerOS 2.0",
            "login": ["sshKey": .string(cluster.cce?.keyPair ?? "")],
            "rootVolume": ["volumetype": "GPSSD", "size": 50],
            "dataVolumes": [["volumetype": "GPSSD", "size": 100]],
            "runtime": ["name": "containerd"],
        ]
    }
}
