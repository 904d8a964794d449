import CloudAPI
import Foundation
import JSON
import TenancyCore

/// Reads the cloud resources rendered steps name through the CCE API: clusters by name, node pools and add-ons
/// on the tenant's cluster (when it exists), as the JSON the API returns.
public enum CloudStateReader {
    /// - Parameter clusterID: the cluster node pools and add-ons live on; nil when it does not exist yet.
    public static func read(_ steps: [RenderedStep], cce: CCEClient, clusterID: String?) async throws -> [CloudKey: JSONValue] {
        var found: [CloudKey: JSONValue] = [:]
        var pools: [CCENodePool]?
        for step in steps {
            guard case .cloud(let resource, _, let body) = step.action, let key = CloudKey(resource: resource, body: body)
            else { continue }
            switch resource {
            case .cluster:
                if let cluster = try await cce.findCluster(named: key.name) { found[key] = try JSONValue(encoding: cluster) }
            case .nodePool:
                guard let clusterID else { continue }
                if pools == nil { pools = try await cce.nodePools(cluster: clusterID) }
                if let pool = pools?.first(where: { $0.metadata.name == key.name }) { found[key] = try JSONValue(encoding: pool) }
            case .addon:
                guard let clusterID else { continue }
                if let addon = try await cce.findAddon(templateName: key.name, cluster: clusterID) { found[key] = try JSONValue(encoding: addon) }
            }
        }
        return found
    }
}
