import CloudAPI
import Foundation
import JSON
import KubeAPI
import TenancyCore

/// How a run reaches its clusters, kept in the journal so that `resume` and `rollback` need no inventory:
/// the kubeconfig file and context, the CCE region, project and cluster, and for a tenant with a cluster of its
/// own, that cluster's name (its Kubernetes API is reached through its CCE certificate). Credentials are never
/// kept: they come from the environment each time.
public struct RunAccess: Sendable, Hashable, Codable {
    public var kubeconfig: String?
    public var context: String?
    public var cce: CCE?
    public var ownCluster: String?

    /// A CCE project and, for a shared cluster, the cluster's ID.
    public struct CCE: Sendable, Hashable, Codable {
        public var region: String
        public var projectID: String
        public var clusterID: String?
    }

    /// The access for a tenant decided onto `cluster`, through `connector`'s kubeconfig rules.
    public init(tenant: String, decision: Decision, cluster: ClusterProfile, connector: ClusterConnector) {
        var own: String?
        if case .own = decision.layout.site { own = tenant }
        self.init(cluster: cluster, connector: connector, ownCluster: own)
    }

    /// The access to `cluster`, or to the tenant's own cluster `ownCluster` in its CCE project.
    public init(cluster: ClusterProfile, connector: ClusterConnector, ownCluster: String?) {
        kubeconfig = connector.kubeconfigPath(for: cluster)
        context = cluster.kubeconfig.context
        if let ref = cluster.cce { cce = CCE(region: ref.region, projectID: ref.projectID, clusterID: ref.clusterID) }
        self.ownCluster = ownCluster
        if ownCluster != nil { cce?.clusterID = nil }
    }

    public var json: JSONValue {
        (try? JSONValue(encoding: self)) ?? .null
    }

    public init(json: JSONValue) throws {
        self = try json.decode(as: RunAccess.self)
    }

    /// The step writers for `tenant` through this access, with `connector`'s clients (credentials come
    /// from its environment).
    /// - Parameter deletionTimeout: how long a deleted object (a terminating namespace) may take to go.
    public func writer(
        tenant: String, connector: ClusterConnector,
        deletionTimeout: Duration = KubernetesStepWriter.defaultDeletionTimeout
    ) throws -> RoutingStepWriter {
        let client = try cce.map { try connector.cceClient(region: $0.region, projectID: $0.projectID) }
        let source: KubeClientSource
        if let ownCluster {
            guard let client else { throw ApplyError("\(tenant)'s own cluster can only be reached through CCE") }
            source = KubeClientSource(ownCluster: ownCluster, cce: client)
        } else {
            source = KubeClientSource(client: try connector.kubeClient(kubeconfig: kubeconfig, context: context))
        }
        let cloud = client.map { client in
            CloudStepWriter(
                cce: client, tenant: tenant,
                home: ownCluster.map { .ownCluster(name: $0) } ?? .cluster(id: cce?.clusterID ?? ""),
                kube: source)
        }
        return RoutingStepWriter(
            kubernetes: KubernetesStepWriter(source: source, deletionTimeout: deletionTimeout), cloud: cloud)
    }
}
