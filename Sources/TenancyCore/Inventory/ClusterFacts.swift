/// What the plan knows about the Kubernetes API of the cluster a tenant lands on: its version and which
/// ValidatingAdmissionPolicy API it serves. Read from discovery when connected; assumed from the inventory
/// (and said so) when planning offline or for a cluster that does not exist yet.
public struct ClusterFacts: Sendable, Hashable {
    /// Where the facts came from.
    public enum Origin: String, Sendable, Hashable, CaseIterable, Codable {
        /// Read from the live server's `/version` and discovery.
        case discovered
        /// Assumed from the inventory's version (offline, or the cluster is still to be created).
        case assumed
    }

    public var version: KubernetesVersion
    /// `admissionregistration.k8s.io/v1` or `/v1beta1`; nil when the server serves neither.
    public var admissionPolicyAPI: String?
    public var origin: Origin

    public init(version: KubernetesVersion, admissionPolicyAPI: String?, origin: Origin) {
        self.version = version
        self.admissionPolicyAPI = admissionPolicyAPI
        self.origin = origin
    }

    static let admissionGroup = "admissionregistration.k8s.io"

    /// Facts from a live server: its version and the versions of `admissionregistration.k8s.io` it serves
    /// that hold ValidatingAdmissionPolicy (the caller passes only those). `v1` is preferred.
    public static func discovered(version: KubernetesVersion, admissionPolicyVersions: [String]) -> ClusterFacts {
        let chosen = ["v1", "v1beta1"].first { admissionPolicyVersions.contains($0) }
        return ClusterFacts(
            version: version, admissionPolicyAPI: chosen.map { "\(admissionGroup)/\($0)" }, origin: .discovered)
    }

    /// Facts assumed from a version alone: `v1` from 1.30, `v1beta1` on 1.28 and 1.29 (where it must be enabled
    /// on the server, which only discovery can confirm), nothing before.
    public static func assumed(version: KubernetesVersion) -> ClusterFacts {
        let served: String? =
            version >= KubernetesVersion(major: 1, minor: 30)
            ? "v1" : version >= KubernetesVersion(major: 1, minor: 28) ? "v1beta1" : nil
        return ClusterFacts(
            version: version, admissionPolicyAPI: served.map { "\(admissionGroup)/\($0)" }, origin: .assumed)
    }
}
