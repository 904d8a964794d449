import Foundation
import JSON
import KubeAPI
import Synchronization

/// An in-memory CCE v3 and IAM API as an `HTTPTransport`: clusters that go `Creating` → `Available` after a
/// few polls, jobs, node pools, add-ons, IAM password tokens, realistic error bodies and `X-Request-Id`.
///
/// It works on JSON, not on the client's types, as a server would. Time moves in polls: each `GET` of a
/// cluster, node pool, add-on or job advances that object one step, so waits end after a known number of
/// requests. Requests are authenticated: an `X-Auth-Token` it issued and that has not expired, or an
/// `Authorization` header accepted by `verifySignature` (by default: any `SDK-HMAC-SHA256` header with an
/// `X-Sdk-Date`). Wrap it in a `RecordingTransport` to see what it received.
public final class FakeCCE: HTTPTransport {
    /// How the fake behaves.
    public struct Configuration: Sendable {
        public var projectID: String
        /// Polls of a new cluster (or its job) before it is `Available`.
        public var clusterPolls: Int
        /// Polls of a deleting cluster, node pool or add-on before it answers 404.
        public var deletionPolls: Int
        /// Polls of a new node pool before it is ready, and of a new add-on before it is `running`.
        public var readinessPolls: Int
        /// How long IAM tokens live.
        public var tokenLifetime: TimeInterval
        /// The time, for token expiry.
        public var now: @Sendable () -> Date
        /// Checks an AK/SK-signed request; nil accepts any well-formed `SDK-HMAC-SHA256` header.
        public var verifySignature: (@Sendable (HTTPRequest) -> Bool)?
        /// IAM logins it accepts: user name → password.
        public var users: [String: String]

        public init(
            projectID: String = "project-1", clusterPolls: Int = 2, deletionPolls: Int = 1, readinessPolls: Int = 1,
            tokenLifetime: TimeInterval = 24 * 3600, now: @escaping @Sendable () -> Date = { Date() },
            verifySignature: (@Sendable (HTTPRequest) -> Bool)? = nil, users: [String: String] = [:]
        ) {
            self.projectID = projectID
            self.clusterPolls = clusterPolls
            self.deletionPolls = deletionPolls
            self.readinessPolls = readinessPolls
            self.tokenLifetime = tokenLifetime
            self.now = now
            self.verifySignature = verifySignature
            self.users = users
        }
    }

    /// One stored object and how many polls remain before its next step.
    struct Stored: Sendable {
        var object: JSONValue
        var pollsLeft: Int
        var deleting = false
    }

    struct State: Sendable {
        var clusters: [String: Stored] = [:]
        var jobs: [String: Stored] = [:]
        var nodePools: [String: Stored] = [:]
        var addons: [String: Stored] = [:]
        var tokens: [String: Date] = [:]
        var nextID = 1

        mutating func newID(_ prefix: String) -> String {
            defer { nextID += 1 }
            return "\(prefix)-\(String(format: "%04d", nextID))-0000-0000-000000000000"
        }
    }

    public let configuration: Configuration
    let state = Mutex(State())

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let requestID = UUID().uuidString
        var response = state.withLock { respond(to: request, state: &$0) }
        response.headers.append((name: "X-Request-Id", value: requestID))
        return response
    }

    private func respond(to request: HTTPRequest, state: inout State) -> HTTPResponse {
        let path = request.url.path.split(separator: "/").map(String.init)
        if path == ["v3", "auth", "tokens"], request.method == .post { return issueToken(request, state: &state) }
        guard authenticated(request, state: state) else {
            return Self.error(401, "CCE.01401001", "Authorization failed.")
        }
        let query = Self.query(of: request)
        if path.starts(with: ["api", "v3", "addons"]) {
            return addons(request, Array(path.dropFirst(3)), query: query, state: &state)
        }
        guard path.count >= 5, path.starts(with: ["api", "v3", "projects"]) else {
            return Self.error(404, "CCE.01404001", "Resource not found.")
        }
        guard path[3] == configuration.projectID else { return Self.error(403, "CCE.01403001", "Forbidden.") }
        let rest = Array(path.dropFirst(4))
        switch rest.first {
        case "clusters": return clusters(request, Array(rest.dropFirst()), state: &state)
        case "jobs" where rest.count == 2 && request.method == .get: return job(rest[1], state: &state)
        default: return Self.error(404, "CCE.01404001", "Resource not found.")
        }
    }

    private func authenticated(_ request: HTTPRequest, state: State) -> Bool {
        if let token = request.header("X-Auth-Token") {
            guard let expiry = state.tokens[token] else { return false }
            return configuration.now() < expiry
        }
        if let verify = configuration.verifySignature { return verify(request) }
        let header = request.authorization?.revealed ?? ""
        return header.hasPrefix("SDK-HMAC-SHA256 Access=") && request.header("X-Sdk-Date") != nil
    }

    // MARK: - helpers shared by the routes

    static func query(of request: HTTPRequest) -> [String: String] {
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    static func body(of request: HTTPRequest) -> JSONValue? {
        request.body.flatMap { try? JSONValue.parse($0) }
    }

    /// A CCE error response, `{"errorCode": …, "errorMessage": …}`.
    public static func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        .json(status, ["errorCode": .string(code), "errorMessage": .string(message)])
    }

    static let notFound = error(404, "CCE.01404001", "Resource not found.")

    static func badRequest(_ message: String) -> HTTPResponse { error(400, "CCE.01400001", message) }

    /// Go's `time.String()` layout, as CCE writes cluster and job timestamps.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSSSSS '+0000 UTC'"
        return formatter.string(from: date)
    }

    /// Counts one poll of a stored object; true when it has no polls left.
    static func tick(_ stored: inout Stored) -> Bool {
        if stored.pollsLeft > 0 { stored.pollsLeft -= 1 }
        return stored.pollsLeft == 0
    }
}
