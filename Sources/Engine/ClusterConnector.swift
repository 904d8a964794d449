import CloudAPI
import Foundation
import HTTP
import KubeAPI
import TenancyCore

/// Opens clients for inventory clusters: Kubernetes through the kubeconfig and context the inventory names
/// (relative paths are relative to the inventory file; `--kubeconfig` replaces every path), CCE through the
/// credentials in the environment or the credentials file. Every transfer keeps within `limits`. A connector
/// and its copies share their clients: one per cluster, whatever number of tenants uses it.
public struct ClusterConnector: Sendable {
    /// A kubeconfig that replaces every cluster's `kubeconfig.path` (the contexts still apply).
    public var kubeconfigOverride: String?
    /// The inventory file's directory.
    public var inventoryDirectory: String
    public var environment: [String: String]
    public var limits: TransferLimits
    /// Where CCE clients log (a node pool waiting through `SoldOut` warns); nil drops their records.
    public var cceLog: LogHandler?
    private let pool = ClientPool()

    public init(
        kubeconfigOverride: String? = nil, inventoryDirectory: String = ".",
        environment: [String: String] = ProcessInfo.processInfo.environment, limits: TransferLimits = TransferLimits()
    ) {
        self.kubeconfigOverride = kubeconfigOverride
        self.inventoryDirectory = inventoryDirectory
        self.environment = environment
        self.limits = limits
    }

    /// A connector for the inventory in `inventoryFile` (nil: relative paths are relative to the working
    /// directory).
    public init(
        kubeconfigOverride: String?, inventoryFile: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment, limits: TransferLimits = TransferLimits()
    ) {
        self.init(
            kubeconfigOverride: kubeconfigOverride,
            inventoryDirectory: inventoryFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? ".",
            environment: environment, limits: limits)
    }

    /// The kubeconfig file for `cluster`: the override, the inventory's path, or nil for kubectl's rules.
    public func kubeconfigPath(for cluster: ClusterProfile) -> String? {
        kubeconfigOverride.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? cluster.kubeconfig.path.map(resolve)
    }

    public func kubeClient(for cluster: ClusterProfile) throws -> KubeClient {
        try kubeClient(kubeconfig: kubeconfigPath(for: cluster), context: cluster.kubeconfig.context)
    }

    /// The CCE client of the cluster's region and project; nil for a cluster that is not CCE.
    public func cceClient(for cluster: ClusterProfile) throws -> CCEClient? {
        guard let cce = cluster.cce else { return nil }
        return try cceClient(region: cce.region, projectID: cce.projectID)
    }

    /// A Kubernetes client through `kubeconfig` (nil: kubectl's rules) and `context` (nil: the current one).
    public func kubeClient(kubeconfig: String?, context: String?) throws -> KubeClient {
        try pool.kubeClient("\(kubeconfig ?? "")\u{0}\(context ?? "")") {
            let loader = KubeconfigLoader(explicitPath: kubeconfig, environment: environment)
            return KubeClient(connection: try loader.connection(context: context), options: .init(limits: limits))
        }
    }

    /// The CCE client of a region and project, with the credentials the environment names.
    public func cceClient(region: String, projectID: String) throws -> CCEClient {
        try pool.cceClient("\(region)\u{0}\(projectID)") {
            let credentials = try CCECredentialsLoader(environment: environment).load(projectID: projectID)
            let endpoints = try CCEClient.Endpoints.resolve(region: region, environment: environment)
            let polling = try PollingOptions.resolve(environment: environment)
            return CCEClient(
                endpoints: endpoints, credentials: credentials,
                options: .init(limits: limits, log: cceLog, polling: polling))
        }
    }

    private func resolve(_ path: String) -> String {
        path.hasPrefix("/")
            ? path : URL(fileURLWithPath: inventoryDirectory).appendingPathComponent(path).standardizedFileURL.path
    }
}
