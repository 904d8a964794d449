import Foundation
import JSON
import KubeAPI
import TenancyCore

/// Reads what a live audit checks from a cluster: the version, namespaces with their quotas, limit ranges,
/// network policies and service accounts, the workloads, Services, bindings, and each node's kubelet
/// configuration (`/api/v1/nodes/NAME/proxy/configz`, nil when the node does not serve it).
public struct AuditReader: Sendable {
    public let client: KubeClient

    public init(client: KubeClient) { self.client = client }

    public func read() async throws -> ClusterSnapshot {
        var snapshot = ClusterSnapshot()
        snapshot.serverVersion = try await client.serverVersion().gitVersion
        // A kind the server does not serve (CronJob on an old cluster) has nothing to audit.
        func list(_ apiVersion: String, _ kind: String) async throws -> [JSONValue] {
            do {
                return try await client.list(apiVersion: apiVersion, kind: kind).items
            } catch is ResourceMappingError {
                return []
            }
        }
        snapshot.namespaces = try await list("v1", "Namespace")
        snapshot.resourceQuotas = try await list("v1", "ResourceQuota")
        snapshot.limitRanges = try await list("v1", "LimitRange")
        snapshot.networkPolicies = try await list("networking.k8s.io/v1", "NetworkPolicy")
        snapshot.serviceAccounts = try await list("v1", "ServiceAccount")
        for (apiVersion, kind) in [
            ("v1", "Pod"), ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("apps/v1", "DaemonSet"),
            ("batch/v1", "Job"), ("batch/v1", "CronJob"),
        ] {
            snapshot.workloads += try await list(apiVersion, kind)
        }
        snapshot.services = try await list("v1", "Service")
        snapshot.roleBindings = try await list("rbac.authorization.k8s.io/v1", "RoleBinding")
        snapshot.clusterRoleBindings = try await list("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")
        for node in try await list("v1", "Node") {
            guard let name = node.value(at: ["metadata", "name"])?.stringValue else { continue }
            let escaped = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
            let configz: JSONValue?
            do {
                configz = try await client.getJSON(path: "/api/v1/nodes/\(escaped)/proxy/configz")
            } catch let error as KubeAPIError where error.code.map({ [403, 404, 502, 503].contains($0) }) ?? false {
                configz = nil
            }
            snapshot.kubeletConfigs.append((node: name, configz: configz))
        }
        return snapshot
    }
}
