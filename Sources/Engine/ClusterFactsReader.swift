import KubeAPI
import TenancyCore

/// Reads a live cluster's facts: its version from `/version` and which ValidatingAdmissionPolicy API it serves,
/// from discovery (a version in the group is not enough: `admissionregistration.k8s.io/v1` served webhooks
/// long before it served policies).
public enum ClusterFactsReader {
    public static func read(_ client: KubeClient) async throws -> ClusterFacts {
        let version = try await version(client)
        var served: [String] = []
        for candidate in ["v1", "v1beta1"] {
            let apiVersion = "admissionregistration.k8s.io/\(candidate)"
            if try await client.serves(apiVersion: apiVersion, kind: "ValidatingAdmissionPolicy") {
                served.append(candidate)
            }
        }
        return .discovered(version: version, admissionPolicyVersions: served)
    }

    /// The Kubernetes version the server reports at `/version`.
    public static func version(_ client: KubeClient) async throws -> KubernetesVersion {
        let server = try await client.serverVersion()
        let minor = Int(server.minor.prefix { $0.isNumber }) ?? 0
        return KubernetesVersion(server.gitVersion) ?? KubernetesVersion(major: Int(server.major) ?? 1, minor: minor)
    }
}
