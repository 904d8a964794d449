import Foundation
import HTTP
import JSON

/// A client for one cluster's Kubernetes API: generic object operations over any kind, discovery, retries
/// with backoff, and credentials from a kubeconfig user (tokens, certificates, exec plugins).
///
/// Cheap to share: it is `Sendable`, and concurrent calls run concurrently. Discovery results are cached for
/// the client's lifetime. `statistics` counts requests and attempts.
public final class KubeClient: Sendable {
    /// Behaviour that is not part of the cluster's identity.
    public struct Options: Sendable {
        public var retry: RetryPolicy
        public var limits: TransferLimits
        /// The `fieldManager` of server-side apply.
        public var fieldManager: String
        public var log: LogHandler?
        /// How the client waits between attempts; tests may record the pauses instead.
        public var sleep: @Sendable (Duration) async throws -> Void

        public init(
            retry: RetryPolicy = RetryPolicy(), limits: TransferLimits = TransferLimits(),
            fieldManager: String = "tenantctl", log: LogHandler? = nil,
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
        ) {
            self.retry = retry
            self.limits = limits
            self.fieldManager = fieldManager
            self.log = log
            self.sleep = sleep
        }
    }

    public let connection: ClusterConnection
    public let options: Options
    let executor: RequestExecutor
    private let discovery: Discovery
    private let counter = StatisticsCounter()

    /// - Parameter transport: the HTTP transport; by default libcurl with the connection's server trust.
    public init(connection: ClusterConnection, options: Options = Options(), transport: (any HTTPTransport)? = nil) {
        self.connection = connection
        self.options = options
        let transport =
            transport ?? CurlTransport(trust: connection.trust, limits: options.limits, log: options.log)
        executor = RequestExecutor(
            server: connection.server, transport: transport,
            credentials: CredentialSource(
                connection.authentication, cluster: connection.execClusterInfo, log: options.log),
            retry: options.retry, log: options.log, statistics: counter, sleep: options.sleep)
        discovery = Discovery(executor: executor)
    }

    /// Requests and attempts made so far.
    public var statistics: RequestStatistics { counter.snapshot }

    /// Where objects of a kind live: from the built-in table, else from discovery (CRDs included).
    public func mapping(apiVersion: String, kind: String) async throws -> ResourceMapping {
        if let known = BuiltInResources.mapping(apiVersion: apiVersion, kind: kind) { return known }
        return try await discovery.mapping(apiVersion: apiVersion, kind: kind)
    }

    /// The versions the server serves for an API group (`""` for the core group), preferred first; empty when
    /// it does not serve the group. E.g. `servedVersions(group: "admissionregistration.k8s.io")`.
    public func servedVersions(group: String) async throws -> [String] {
        try await discovery.servedVersions(group: group)
    }

    /// Whether the server serves `kind` in `apiVersion`, by discovery (the built-in table is not consulted: a
    /// kind can be known and still not served, like ValidatingAdmissionPolicy before 1.30).
    public func serves(apiVersion: String, kind: String) async throws -> Bool {
        do {
            _ = try await discovery.mapping(apiVersion: apiVersion, kind: kind)
            return true
        } catch is ResourceMappingError {
            return false
        }
    }

    /// Every namespaced kind the server lets one list, at its preferred version (from discovery): what a namespace
    /// can hold.
    public func namespacedKinds() async throws -> [ResourceMapping] {
        try await discovery.namespacedListable()
    }

    /// `GET /version`.
    public func serverVersion() async throws -> ServerVersion {
        try await executor.get(ServerVersion.self, path: "/version")
    }
}

/// The API server's `/version`.
public struct ServerVersion: Sendable, Hashable, Decodable {
    public var major: String
    public var minor: String
    public var gitVersion: String
}

extension KubeClient {
    /// `GET path` (with retries and credentials, like every call) as JSON: for paths no kind maps to, such as a
    /// node's kubelet configuration, `/api/v1/nodes/NAME/proxy/configz`.
    public func getJSON(path: String) async throws -> JSONValue {
        try await executor.json(APICall(method: .get, path: path))
    }
}
