extension ResourceType {
    /// CCE Turbo's pod security groups (`crd.yangtse.cni/v1`, `SecurityGroup`, namespaced, short name `sg`):
    /// how pods are isolated on the Cloud Native 2.0 network, where NetworkPolicy does not apply.
    public static let cceSecurityGroup = ResourceType.custom(
        group: "crd.yangtse.cni", version: "v1", kind: "SecurityGroup", plural: "securitygroups",
        scope: .namespaced, shortNames: ["sg"])
}
