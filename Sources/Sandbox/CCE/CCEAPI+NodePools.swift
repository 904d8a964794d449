import Foundation
import JSON

/// `…/clusters/{cluster}/nodepools[/{id}]`: as CCE's, a new pool reads phase `""` with no node yet and all of
/// them being created (`currentNode` 0, `creatingNode` n), a resized one `Synchronizing`; after the transition
/// delay it has its nodes (`currentNode` n) — they then exist in the cluster's Kubernetes API — and a deleted
/// one is gone.
extension CCEAPI {
    func nodePools(_ call: Call, cluster: String, _ rest: [String], now: Date, state: inout CCEState) -> CCEReply {
        let inCluster = state.children(state.nodePools, of: cluster)
        switch (call.method, rest.first) {
        case ("GET", nil):
            return .list(inCluster.map { Self.withoutClusterID($0.object) })
        case ("POST", nil):
            guard var pool = call.json, let name = pool.value(at: ["metadata", "name"])?.stringValue else {
                return .badRequest("Invalid request: metadata.name is required.")
            }
            if let refusal = NodePoolBodyRules.problem(pool) { return refusal }
            if inCluster.contains(where: { $0.name == name }) {
                return .error(409, "CCE.02409001", "Resource already exists: node pool \(name).")
            }
            let id = state.newID("np")
            pool["spec"]?["clusterID"] = .string(cluster)
            pool["metadata"]?["uid"] = .string(id)
            pool["metadata"]?["creationTimestamp"] = .string(CCEReply.timestamp(now))
            pool["status"] = Self.status(phase: "", current: 0, wanted: pool.value(at: ["spec", "initialNodeCount"]))
            pool = Self.labelled(pool)
            state.nodePools[id] = CCEObject(object: pool, since: now)
            return .json(201, Self.withoutClusterID(pool))
        case ("GET", let id?):
            return state.nodePools[id].map { .json(200, Self.withoutClusterID($0.object)) } ?? .notFound
        case ("PUT", let id?):
            guard var stored = state.nodePools[id] else { return .notFound }
            if let refusal = NodePoolUpdate.apply(call.json ?? [:], to: &stored.object) { return refusal }
            stored.object = Self.labelled(stored.object)
            stored.object["status"] = Self.status(
                phase: "Synchronizing", current: stored.object.value(at: ["status", "currentNode"]),
                wanted: stored.object.value(at: ["spec", "initialNodeCount"]))
            stored.since = now
            state.nodePools[id] = stored
            return .json(200, Self.withoutClusterID(stored.object))
        case ("DELETE", let id?):
            guard var stored = state.nodePools[id] else { return .notFound }
            stored.deleting = true
            stored.since = now
            stored.object["status"]?["phase"] = "Deleting"
            state.nodePools[id] = stored
            return .json(200, Self.withoutClusterID(stored.object))
        default:
            return .notFound
        }
    }

    /// The pool with CCE's own node label in its `k8sTags`: `cce.cloud.com/cce-nodepool: <name>`.
    private static func labelled(_ pool: JSONValue) -> JSONValue {
        var pool = pool
        var tags = pool.value(at: ["spec", "nodeTemplate", "k8sTags"])?.objectValue ?? [:]
        tags[ClusterObjects.poolLabel] = pool.value(at: ["metadata", "name"]) ?? ""
        pool["spec"]?["nodeTemplate"]?["k8sTags"] = .object(tags)
        return pool
    }

    /// A pool's status on its way from `current` nodes to `wanted`.
    private static func status(phase: String, current: JSONValue?, wanted: JSONValue?) -> JSONValue {
        let current = current?.intValue ?? 0
        let wanted = wanted?.intValue ?? 0
        return [
            "phase": .string(phase), "currentNode": .int(current), "creatingNode": .int(max(0, wanted - current)),
            "deletingNode": .int(max(0, current - wanted)),
        ]
    }

    /// Node pools are kept with their cluster's ID, which the API does not show.
    private static func withoutClusterID(_ pool: JSONValue) -> JSONValue {
        var pool = pool
        if case .object(var spec)? = pool["spec"] {
            spec["clusterID"] = nil
            pool["spec"] = .object(spec)
        }
        return pool
    }
}
