import CCEModel
import CloudAPI
import Foundation
import JSON
import TenancyCore

/// Writes CCE resources for an apply: the tenant's own cluster, node pools and add-ons, each created through the
/// client's ensure calls (a lost create is resolved by lookup, never repeated blindly) and waited for until it
/// is ready; undoing a create deletes the resource and waits until it is gone. Deleting a node pool waits until
/// no pod but DaemonSets' runs on its nodes; deleting is irreversible (an undo of it fails, saying so).
public struct CloudStepWriter: StepWriter {
    public let cce: CCEClient
    public let tenant: String
    /// The cluster node pools and add-ons live on: an inventory cluster's ID, or the tenant's own cluster's name.
    public let home: Home
    /// The Kubernetes API of that cluster, to check a node pool is empty before deleting it.
    public let kube: KubeClientSource?

    /// Where node pools and add-ons go.
    public enum Home: Sendable {
        case cluster(id: String)
        case ownCluster(name: String)
    }

    public init(cce: CCEClient, tenant: String, home: Home, kube: KubeClientSource? = nil) {
        self.cce = cce
        self.tenant = tenant
        self.home = home
        self.kube = kube
    }

    public func read(_ change: PlannedChange) async throws -> JSONValue? {
        let key = try key(change)
        switch key.resource {
        case .cluster: return try await cce.findCluster(named: key.name).map { try JSONValue(encoding: $0) }
        case .nodePool:
            guard let cluster = try await clusterID() else { return nil }
            return try await cce.findNodePool(named: key.name, cluster: cluster).map { try JSONValue(encoding: $0) }
        case .addon:
            guard let cluster = try await clusterID() else { return nil }
            return try await cce.findAddon(templateName: key.name, cluster: cluster).map { try JSONValue(encoding: $0) }
        }
    }

    public func write(_ change: PlannedChange, operation: Intent.Operation, live: JSONValue?, run: String) async throws
        -> JSONValue?
    {
        let key = try key(change)
        if operation == .delete {
            try await delete(key, live: live)
            return nil
        }
        guard operation == .create || (operation == .update && key.resource == .nodePool), let desired = change.desired
        else {
            throw ApplyError(
                "\(change.target): tenantctl does not \(operation.rawValue) a \(key.resource.rawValue) in place; change it in the CCE console or recreate it"
            )
        }
        switch key.resource {
        case .cluster:
            let cluster = try await cce.ensureCluster(try desired.decode(as: CCECluster.self), tenant: tenant).value
            guard let id = cluster.id else { throw ApplyError("\(change.target): CCE returned no cluster ID") }
            return try JSONValue(encoding: try await cce.waitForCluster(id: id))
        case .nodePool:
            let cluster = try await requiredClusterID(change)
            var pool = try desired.decode(as: CCENodePool.self)
            let saved: CCENodePool
            if operation == .update, let id = live.flatMap({ try? $0.decode(as: CCENodePool.self) })?.id {
                saved = try await cce.updateNodePool(pool, id: id, cluster: cluster)
            } else if pool.spec.nodeTemplate.k8sTags?[Labels.tenant] == tenant {
                saved = try await cce.ensureNodePool(pool, cluster: cluster, tenant: tenant).value
            } else {
                pool.metadata.name = key.name
                do {
                    saved = try await cce.createNodePool(pool, cluster: cluster)
                } catch let error as CCEError where error.isConflict {
                    // Another run (a tenant beside this one) created the shared pool a moment ago.
                    throw StaleTarget(change: change, detail: "it exists now")
                }
            }
            guard let id = saved.id else { throw ApplyError("\(change.target): CCE returned no node pool ID") }
            return try JSONValue(encoding: try await cce.waitForNodePool(id: id, cluster: cluster))
        case .addon:
            let cluster = try await requiredClusterID(change)
            var addon = try desired.decode(as: CCEAddon.self)
            addon.spec.clusterID = cluster
            addon = try await cce.ensureAddon(addon, tenant: tenant).value
            guard let id = addon.id else { throw ApplyError("\(change.target): CCE returned no add-on ID") }
            return try JSONValue(encoding: try await cce.waitForAddon(id: id, cluster: cluster))
        }
    }

    public func undo(_ undo: ApplyMachine.Undo, live: JSONValue?, run: String) async throws -> String? {
        let key = try key(undo.change)
        if undo.operation == .delete, live == nil {
            throw ApplyError(
                "\(key) was deleted by this run; tenantctl cannot bring back a deleted \(key.resource.rawValue)")
        }
        guard let live else { return "already gone" }
        switch (undo.operation, key.resource) {
        case (.create, _):
            if let created = undo.after.flatMap(Self.id), Self.id(live) != created {
                return "left alone: this run did not make the \(key.resource.rawValue) there now"
            }
            if let kept = try await SharedTargets.keep(undo.change, client: try await kube?.client()) {
                return kept
            }
            try await delete(key, live: live, checkingPods: false)
        case (.update, .nodePool):
            guard let cluster = try await clusterID(), let before = undo.before,
                let id = try live.decode(as: CCENodePool.self).id
            else { return "already gone" }
            guard Self.id(live) == Self.id(undo.after ?? before) else {
                return "left alone: it was replaced since this run changed it"
            }
            _ = try await cce.updateNodePool(try before.decode(as: CCENodePool.self), id: id, cluster: cluster)
        default:
            break
        }
        return nil
    }

    /// The CCE id (`metadata.uid`) of a resource's JSON.
    private static func id(_ resource: JSONValue) -> String? {
        resource["metadata"]?["uid"]?.stringValue
    }

    /// Deletes the resource `live` describes and waits until it is gone; a node pool, when `checkingPods`, only
    /// once it runs no pod but DaemonSets' (undoing a create does not check).
    private func delete(_ key: CloudKey, live: JSONValue?, checkingPods: Bool = true) async throws {
        guard let live else { return }
        switch key.resource {
        case .cluster:
            guard let id = try live.decode(as: CCECluster.self).id else { return }
            try await cce.deleteCluster(id: id)
            try await cce.waitForClusterDeletion(id: id)
        case .nodePool:
            guard let cluster = try await clusterID(), let id = try live.decode(as: CCENodePool.self).id else {
                return
            }
            if checkingPods, let client = try await kube?.client() {
                let remaining = try await PoolPods.remaining(onPool: key.name, client: client)
                guard remaining.isEmpty else {
                    throw ApplyError(
                        "\(key) still runs \(remaining.count) pod\(remaining.count == 1 ? "" : "s") (\(remaining.prefix(5).joined(separator: ", "))); "
                            + "move or delete them, then resume")
                }
            }
            try await cce.deleteNodePool(id: id, cluster: cluster)
            try await cce.waitForNodePoolDeletion(id: id, cluster: cluster)
        case .addon:
            guard let cluster = try await clusterID(), let id = try live.decode(as: CCEAddon.self).id else { return }
            try await cce.deleteAddon(id: id, cluster: cluster)
            try await cce.waitForAddonDeletion(id: id, cluster: cluster)
        }
    }

    private func clusterID() async throws -> String? {
        switch home {
        case .cluster(let id): return id
        case .ownCluster(let name): return try await cce.findCluster(named: name)?.id
        }
    }

    private func requiredClusterID(_ change: PlannedChange) async throws -> String {
        guard let id = try await clusterID() else {
            throw ApplyError("\(change.target): the tenant's cluster does not exist")
        }
        return id
    }

    private func key(_ change: PlannedChange) throws -> CloudKey {
        guard case .cloud(let key) = change.target else { throw ApplyError("\(change.target) is not a cloud resource") }
        return key
    }
}
