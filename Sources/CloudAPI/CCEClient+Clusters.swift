import CCEModel
import Foundation
import KubeAPI

extension CCEClient {
    /// `POST …/clusters` (201). Not retried after a lost response or a 5xx: use `ensureCluster` to create
    /// safely by name.
    public func createCluster(_ cluster: CCECluster) async throws -> CCECluster {
        let call = CCECall(
            method: .post, path: projectPath("clusters"), body: try Self.json(cluster), idempotent: false)
        return try await executor.decode(CCECluster.self, call)
    }

    /// `GET …/clusters/{id}`, with `errorStatus` set so that a failed cluster reads `Error`, not `Deleting`.
    public func cluster(id: String) async throws -> CCECluster {
        let call = CCECall(method: .get, path: projectPath("clusters", id), query: [("errorStatus", "true")])
        return try await executor.decode(CCECluster.self, call)
    }

    /// `GET …/clusters`.
    public func clusters() async throws -> [CCECluster] {
        let call = CCECall(method: .get, path: projectPath("clusters"), query: [("errorStatus", "true")])
        return try await executor.decode(CCEList<CCECluster>.self, call).items
    }

    /// The cluster with this `metadata.name`, if any.
    public func findCluster(named name: String) async throws -> CCECluster? {
        try await clusters().first { $0.metadata.name == name }
    }

    /// `DELETE …/clusters/{id}` with the `delete_*` options; returns the cluster as CCE echoes it (with the
    /// delete job in `status.jobID`), or nil when the body is not a cluster.
    @discardableResult
    public func deleteCluster(id: String, options: ClusterDeleteOptions = ClusterDeleteOptions()) async throws
        -> CCECluster?
    {
        let call = CCECall(method: .delete, path: projectPath("clusters", id), query: options.query)
        let response = try await executor.send(call)
        return try? JSONDecoder().decode(CCECluster.self, from: response.body)
    }

    /// Polls the cluster until it reaches `phase`; fails when it reaches `Error` or `Unavailable` (as Terraform's
    /// state refresh does), is being deleted, or after the polling timeout.
    public func waitForCluster(
        id: String, phase: CCECluster.Phase = .available, polling: PollingOptions? = nil
    ) async throws -> CCECluster {
        let failures: Set<CCECluster.Phase> = [.error, .unavailable, .deleting, "RollbackFailed", "Shelved"]
        return try await poll("cluster \(id) to be \(phase)", polling: polling) {
            let cluster = try await self.cluster(id: id)
            let current = cluster.status?.phase ?? "unknown"
            if current == phase { return .done(cluster) }
            if failures.contains(current) && current != phase {
                return .failed(state: current.rawValue, message: cluster.status?.message ?? cluster.status?.reason)
            }
            return .pending(state: current.rawValue)
        }
    }

    /// Polls until `GET` of the cluster answers 404; fails when the cluster reads `Error` (its deletion failed).
    public func waitForClusterDeletion(id: String, polling: PollingOptions? = nil) async throws {
        try await waitUntilGone("cluster \(id) to be deleted", polling: polling, failures: ["Error"]) {
            let cluster = try await self.cluster(id: id)
            return (cluster.status?.phase?.rawValue, cluster.status?.message ?? cluster.status?.reason)
        }
    }

    /// The contexts of a CCE cluster certificate that verify the API server, in the order they are chosen: the
    /// public address checked against the cluster's CA (`externalTLSVerify`, when the cluster has one), then the
    /// address inside the VPC (`internal`). CCE's `external` context skips verification
    /// (`insecure-skip-tls-verify`, no CA) and is never chosen.
    public static let verifiedContexts = ["externalTLSVerify", "internal"]

    /// `POST …/clusters/{id}/clustercert` `{"duration": days}`: a kubeconfig for the cluster whose current context
    /// is the first of ``verifiedContexts`` it has; one with neither is an error, never a fall-back to `external`.
    public func clusterKubeconfig(id: String, days: Int = 30) async throws -> Kubeconfig {
        let body = try Self.json(["duration": days])
        let call = CCECall(method: .post, path: projectPath("clusters", id, "clustercert"), body: body)
        var kubeconfig = try await executor.decode(Kubeconfig.self, call)
        let contexts = Set(kubeconfig.contexts.map(\.name))
        guard let chosen = Self.verifiedContexts.first(where: contexts.contains) else {
            throw CCEInputError(
                "the certificate of cluster \(id) has no context that verifies its API server (\(Self.verifiedContexts.joined(separator: " or "))); it has \(contexts.sorted().joined(separator: ", "))"
            )
        }
        kubeconfig.currentContext = chosen
        return kubeconfig
    }

    /// A Kubernetes client for the cluster, through a certificate from `clusterKubeconfig`.
    public func kubeClient(clusterID id: String) async throws -> KubeClient {
        KubeClient(connection: try await clusterKubeconfig(id: id).connection())
    }

    /// The cluster named after `tenant` and tagged for it (see `TenantOwnership`): the tenant's own cluster.
    public func ownCluster(of tenant: String) async throws -> CCECluster? {
        guard let cluster = try await findCluster(named: tenant), TenantOwnership.tenant(of: cluster) == tenant else {
            return nil
        }
        return cluster
    }

    /// Polls `state` until it throws a 404, failing when it returns one of `failures`; `state` returns the state
    /// it still sees and the server's message about it.
    func waitUntilGone(
        _ subject: String, polling: PollingOptions?, failures: Set<String>,
        state: @escaping () async throws -> (state: String?, message: String?)
    ) async throws {
        try await poll(subject, polling: polling) { () async throws -> PollResult<Void> in
            do {
                let (current, message) = try await state()
                if let current, failures.contains(current) { return .failed(state: current, message: message) }
                return .pending(state: current ?? "present")
            } catch let error as CCEError where error.isNotFound {
                return .done(())
            }
        }
    }
}

/// The `delete_*` query options of `DELETE …/clusters/{id}`: what to do with the cluster's cloud resources.
/// A nil option is left to CCE's default (ENIs and networks deleted; volumes, EFS, OBS and SFS kept).
public struct ClusterDeleteOptions: Sendable, Hashable {
    /// One option's value.
    public enum Policy: String, Sendable, Hashable {
        /// Delete; a failure blocks the cluster deletion.
        case block = "true"
        /// Delete; a failure is ignored.
        case tryDelete = "try"
        /// Keep.
        case skip = "false"
    }

    public var efs: Policy?
    public var eni: Policy?
    public var evs: Policy?
    public var net: Policy?
    public var obs: Policy?
    public var sfs: Policy?
    public var sfs30: Policy?
    /// `lts_reclaim_policy`: `Delete_Log_Group`, `Delete_Master_Log_Stream`, `Retain`.
    public var ltsReclaimPolicy: String?

    public init(
        efs: Policy? = nil, eni: Policy? = nil, evs: Policy? = nil, net: Policy? = nil, obs: Policy? = nil,
        sfs: Policy? = nil, sfs30: Policy? = nil, ltsReclaimPolicy: String? = nil
    ) {
        (self.efs, self.eni, self.evs, self.net) = (efs, eni, evs, net)
        (self.obs, self.sfs, self.sfs30) = (obs, sfs, sfs30)
        self.ltsReclaimPolicy = ltsReclaimPolicy
    }

    var query: [(name: String, value: String)] {
        let options: [(String, Policy?)] = [
            ("delete_efs", efs), ("delete_eni", eni), ("delete_evs", evs), ("delete_net", net),
            ("delete_obs", obs), ("delete_sfs", sfs), ("delete_sfs30", sfs30),
        ]
        var query = options.compactMap { name, policy in policy.map { (name: name, value: $0.rawValue) } }
        if let ltsReclaimPolicy { query.append((name: "lts_reclaim_policy", value: ltsReclaimPolicy)) }
        return query
    }
}
