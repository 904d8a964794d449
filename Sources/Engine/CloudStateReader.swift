import CCEModel
import CloudAPI
import Foundation
import JSON
import TenancyCore

/// Reads the cloud resources rendered steps name through the CCE API: clusters by name, node pools and add-ons
/// on the tenant's cluster (when it exists), as the JSON the API returns. A cluster's pools and add-ons are listed
/// once per `CloudSnapshot`, however many tenants' steps ask.
public enum CloudStateReader {
    /// - Parameter clusterID: the cluster node pools and add-ons live on; nil when it does not exist yet.
    public static func read(
        _ steps: [RenderedStep], cce: CCEClient, clusterID: String?, snapshot: CloudSnapshot = CloudSnapshot()
    ) async throws -> [CloudKey: JSONValue] {
        var found: [CloudKey: JSONValue] = [:]
        for step in steps {
            guard case .cloud(let resource, _, let body) = step.action,
                let key = CloudKey(resource: resource, body: body)
            else { continue }
            switch resource {
            case .cluster:
                if let cluster = try await cce.findCluster(named: key.name) {
                    found[key] = try JSONValue(encoding: cluster)
                }
            case .nodePool:
                guard let clusterID else { continue }
                let pools = try await snapshot.nodePools(cluster: clusterID, cce: cce)
                if let pool = pools.first(where: { $0.metadata.name == key.name }) {
                    found[key] = try JSONValue(encoding: pool)
                }
            case .addon:
                guard let clusterID else { continue }
                let addons = try await snapshot.addons(cluster: clusterID, cce: cce)
                if let addon = addons.first(where: {
                    $0.spec.addonTemplateName == key.name && $0.spec.clusterID == clusterID
                }) {
                    found[key] = try JSONValue(encoding: addon)
                }
            }
        }
        return found
    }
}

/// The node pools and add-ons of CCE clusters, each cluster listed once for a planning pass.
public actor CloudSnapshot {
    private var pools: [String: Task<[CCENodePool], any Error>] = [:]
    private var addons: [String: Task<[CCEAddon], any Error>] = [:]

    public init() {}

    func nodePools(cluster: String, cce: CCEClient) async throws -> [CCENodePool] {
        let task = pools[cluster] ?? Task { try await cce.nodePools(cluster: cluster) }
        pools[cluster] = task
        return try await task.value
    }

    func addons(cluster: String, cce: CCEClient) async throws -> [CCEAddon] {
        let task = addons[cluster] ?? Task { try await cce.addons(cluster: cluster) }
        addons[cluster] = task
        return try await task.value
    }
}
