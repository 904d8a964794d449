import Foundation
import HTTP

/// A client of one region's CCE v3 API (and IAM, for tokens): clusters, node pools, add-ons and jobs.
///
/// Every request is authenticated (an AK/SK signature, or an IAM token refreshed before it expires),
/// retried on throttling, 5xx and transient network failures with the same `RetryPolicy` as the Kubernetes
/// client, and failures arrive as `CCEError`. Creates are never retried blindly: see `ensureCluster`.
public final class CCEClient: Sendable {
    /// Where the CCE and IAM APIs are, and how to verify their certificates.
    public struct Endpoints: Sendable, Hashable {
        public var cce: URL
        public var iam: URL
        /// The CAs both endpoints' certificates must chain to; by default the system's.
        public var trust: ServerTrust

        public init(cce: URL, iam: URL, trust: ServerTrust = ServerTrust()) {
            self.cce = cce
            self.iam = iam
            self.trust = trust
        }
    }

    /// Behaviour that is not part of the account's identity.
    public struct Options: Sendable {
        public var retry: RetryPolicy
        public var limits: TransferLimits
        public var log: LogHandler?
        /// Time and sleeping, for retries, polls, `X-Sdk-Date` and token expiry.
        public var clock: any CCEClock
        /// How waits poll.
        public var polling: PollingOptions
        /// An IAM token is replaced when less than this remains of its validity.
        public var tokenRefreshMargin: Duration
        /// The flavor parameter of an add-on template an install takes when the add-on sets no `flavor`. Which of
        /// `flavor1`, `flavor2`… is which size is not documented; `flavor2` is what Terraform's autoscaler
        /// example takes.
        public var addonFlavor: String

        public init(
            retry: RetryPolicy = RetryPolicy(), limits: TransferLimits = TransferLimits(),
            log: LogHandler? = nil, clock: any CCEClock = SystemClock(), polling: PollingOptions = PollingOptions(),
            tokenRefreshMargin: Duration = .seconds(600), addonFlavor: String = "flavor2"
        ) {
            self.retry = retry
            self.limits = limits
            self.log = log
            self.clock = clock
            self.polling = polling
            self.tokenRefreshMargin = tokenRefreshMargin
            self.addonFlavor = addonFlavor
        }
    }

    public let endpoints: Endpoints
    public let projectID: String
    public let options: Options
    let executor: CCEExecutor

    /// - Parameter transport: the HTTP transport; by default libcurl verifying the servers with `endpoints.trust`.
    public init(
        endpoints: Endpoints, credentials: CCECredentials, options: Options = Options(),
        transport: (any HTTPTransport)? = nil
    ) {
        self.endpoints = endpoints
        self.projectID = credentials.projectID
        self.options = options
        let transport = transport ?? CurlTransport(trust: endpoints.trust, limits: options.limits, log: options.log)
        let authorizer: any RequestAuthorizer
        switch credentials.method {
        case .accessKey(let key):
            authorizer = AccessKeyAuthorizer(key: key, projectID: credentials.projectID, clock: options.clock)
        case .password(let login):
            let iam = CCEExecutor(
                server: endpoints.iam, transport: transport, authorizer: nil, retry: options.retry, log: options.log,
                clock: options.clock)
            let tokens = IAMTokenCache(
                login: login, projectID: credentials.projectID, iam: iam, refreshMargin: options.tokenRefreshMargin)
            authorizer = TokenAuthorizer(tokens: tokens, projectID: credentials.projectID)
        }
        executor = CCEExecutor(
            server: endpoints.cce, transport: transport, authorizer: authorizer, retry: options.retry,
            log: options.log, clock: options.clock)
    }

    /// `/api/v3/projects/{project_id}` and more.
    func projectPath(_ rest: String...) -> String {
        (["/api/v3/projects", projectID] + rest).joined(separator: "/")
    }

    func log(_ level: LogLevel, _ message: String) {
        options.log?(LogRecord(level, message))
    }

    static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
