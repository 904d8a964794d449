import CloudAPI
import Foundation
import KubeAPI
import TenancyCore

/// Opens clients for inventory clusters: Kubernetes through the kubeconfig and context the inventory names
/// (relative paths are relative to the inventory file; `--kubeconfig` replaces every path), CCE through the
/// credentials in the environment or the credentials file.
public struct ClusterConnector: Sendable {
    /// A kubeconfig that replaces every cluster's `kubeconfig.path` (the contexts still apply).
    public var kubeconfigOverride: String?
    /// The inventory file's directory.
    public var inventoryDirectory: String
    public var environment: [String: String]

    public init(
        kubeconfigOverride: String? = nil, inventoryDirectory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.kubeconfigOverride = kubeconfigOverride
        self.inventoryDirectory = inventoryDirectory
        self.environment = environment
    }

    /// The kubeconfig file for `cluster`: the override, the inventory's path, or nil for kubectl's rules.
    public func kubeconfigPath(for cluster: ClusterProfile) -> String? {
        kubeconfigOverride.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? cluster.kubeconfig.path.map(resolve)
    }

    public func kubeClient(for cluster: ClusterProfile) throws -> KubeClient {
        let loader = KubeconfigLoader(explicitPath: kubeconfigPath(for: cluster), environment: environment)
        return KubeClient(connection: try loader.connection(context: cluster.kubeconfig.context))
    }

    /// The CCE client of the cluster's region and project; nil for a cluster that is not CCE.
    public func cceClient(for cluster: ClusterProfile) throws -> CCEClient? {
        guard let cce = cluster.cce else { return nil }
        let credentials = try CCECredentialsLoader(environment: environment).load(projectID: cce.projectID)
        let endpoints = try CCEClient.Endpoints.resolve(region: cce.region, environment: environment)
        return CCEClient(endpoints: endpoints, credentials: credentials)
    }

    private func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: inventoryDirectory).appendingPathComponent(path).standardizedFileURL.path
    }
}
