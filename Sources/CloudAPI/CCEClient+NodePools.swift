import CCEModel
import Foundation

extension CCEClient {
    /// `POST …/clusters/{cluster}/nodepools` (201). Not retried after a lost response or a 5xx: use
    /// `ensureNodePool` to create safely by name.
    public func createNodePool(_ pool: CCENodePool, cluster: String) async throws -> CCENodePool {
        let call = CCECall(
            method: .post, path: projectPath("clusters", cluster, "nodepools"), body: try Self.json(pool),
            idempotent: false)
        return try await executor.decode(CCENodePool.self, call)
    }

    /// `GET …/nodepools/{id}`.
    public func nodePool(id: String, cluster: String) async throws -> CCENodePool {
        let call = CCECall(method: .get, path: projectPath("clusters", cluster, "nodepools", id))
        return try await executor.decode(CCENodePool.self, call)
    }

    /// `GET …/clusters/{cluster}/nodepools` (the default pool excluded).
    public func nodePools(cluster: String) async throws -> [CCENodePool] {
        let call = CCECall(method: .get, path: projectPath("clusters", cluster, "nodepools"))
        return try await executor.decode(CCEList<CCENodePool>.self, call).items
    }

    /// The pool with this `metadata.name` in the cluster, if any.
    public func findNodePool(named name: String, cluster: String) async throws -> CCENodePool? {
        try await nodePools(cluster: cluster).first { $0.metadata.name == name }
    }

    /// `PUT …/nodepools/{id}` with the update body that makes the pool like `pool` (see ``CCENodePoolUpdate``):
    /// the node count with it, unless autoscaling owns it.
    public func updateNodePool(_ pool: CCENodePool, id: String, cluster: String) async throws -> CCENodePool {
        let call = CCECall(
            method: .put, path: projectPath("clusters", cluster, "nodepools", id),
            body: try Self.json(CCENodePoolUpdate(pool)))
        return try await executor.decode(CCENodePool.self, call)
    }

    /// `DELETE …/nodepools/{id}`.
    public func deleteNodePool(id: String, cluster: String) async throws {
        _ = try await executor.send(CCECall(method: .delete, path: projectPath("clusters", cluster, "nodepools", id)))
    }

    /// Polls the pool until it has its nodes (see ``CCENodePool/isReady``), first one polling interval after the
    /// call, as a pool just created or resized reports nothing useful sooner (Terraform waits two minutes); fails
    /// on `Error` or after the polling timeout. `SoldOut` (no capacity for the flavor in the zone, or a quota
    /// spent) usually passes: the wait goes on through it, and warns once each time the pool enters it.
    public func waitForNodePool(id: String, cluster: String, polling: PollingOptions? = nil) async throws
        -> CCENodePool
    {
        var soldOut = false
        return try await poll("node pool \(id) to be ready", polling: polling, firstAfterAnInterval: true) {
            let pool = try await self.nodePool(id: id, cluster: cluster)
            let phase = pool.status?.phase ?? ""
            if pool.isReady { return .done(pool) }
            if phase == "Error" { return .failed(state: phase, message: nil) }
            if phase == "SoldOut", !soldOut {
                log(
                    .warning,
                    "node pool \(pool.metadata.name) (\(id)) is SoldOut: CCE has no capacity for flavor \(pool.spec.nodeTemplate.flavor) in \(pool.spec.nodeTemplate.az) right now, or a quota is spent; still waiting, as this usually passes"
                )
            }
            soldOut = phase == "SoldOut"
            return .pending(state: pool.progress)
        }
    }

    /// Polls until `GET` of the pool answers 404; fails when the pool reads `Error` (its deletion failed).
    public func waitForNodePoolDeletion(id: String, cluster: String, polling: PollingOptions? = nil) async throws {
        try await waitUntilGone("node pool \(id) to be deleted", polling: polling, failures: ["Error"]) {
            (try await self.nodePool(id: id, cluster: cluster).status?.phase, nil)
        }
    }
}
