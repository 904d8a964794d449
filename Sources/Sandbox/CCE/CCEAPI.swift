import CCESigning
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import Synchronization

/// The sandbox's Huawei Cloud CCE v3 API and IAM token endpoint, served beside the Kubernetes API.
///
/// Every call must say `Content-Type: application/json`, as CCE's API reference requires (400 `CCE.01400006`
/// otherwise). Serves `POST /v3/auth/tokens`, `/api/v3/projects/{project}/clusters[/{id}[/clustercert|/nodepools[/{id}]]]`,
/// `/api/v3/projects/{project}/jobs/{id}`, `/api/v3/addons[/{id}]` and `/api/v3/addontemplates`. Requests must carry a valid AK/SK
/// signature (checked with ``CCESigner/verify(_:authorization:secretKey:now:maxSkew:)``) or an `X-Auth-Token`
/// it issued. Every created cluster gets a Kubernetes API of its own under `/clusters/{id}/`; seeded clusters
/// (``CCEConfiguration/seedClusters``) are the sandbox's own API, also reachable there.
final class CCEAPI: Sendable {
    /// A request as the routes see it.
    struct Call: Sendable {
        var method: String
        var segments: [String]
        var query: [String: String]
        var body: Data
        /// `https://host:port` as the caller reached the sandbox.
        var baseURL: String

        var json: JSONValue? { try? JSONValue.parse(body) }
    }

    let configuration: CCEConfiguration
    let clusterAPIs: ClusterAPIs
    /// The sandbox's certificate authority: cluster certificates carry it (so that their clients verify the
    /// server) and a client certificate it issues.
    let authority: SandboxCertificateAuthority
    let certificateAuthorityPEM: String
    let state: Mutex<CCEState>
    /// Where the state is kept across restarts, with a state directory.
    private let persistence: CCEPersistence?

    init(
        configuration: CCEConfiguration, clusterAPIs: ClusterAPIs, authority: SandboxCertificateAuthority,
        stateDirectory: URL?
    ) throws {
        self.configuration = configuration
        self.clusterAPIs = clusterAPIs
        self.authority = authority
        self.certificateAuthorityPEM = try authority.certificatePEM
        persistence = stateDirectory.map(CCEPersistence.init)
        let now = configuration.now()
        let saved = try persistence?.load()
        self.state = Mutex(
            saved.map { CCEState(json: $0, seeding: configuration.seedClusters, at: now) }
                ?? CCEState(seeding: configuration.seedClusters, at: now))
    }

    /// Brings back the Kubernetes APIs of the clusters created before a restart.
    func restoreClusters() async {
        let effects = state.withLock { state in
            state.clusters.values.filter { !configuration.isSeeded($0.id) && !$0.deleting }.map { cluster in
                CCEEffect.addCluster(cluster.id, version: cluster.object.value(at: ["spec", "version"])?.stringValue)
            }
        }
        await clusterAPIs.apply(effects)
    }

    /// True for the paths this API serves (`/api/v3/…`, `/v3/…`); the rest is Kubernetes.
    static func serves(_ segments: [String]) -> Bool {
        segments.starts(with: ["api", "v3"]) || segments.first == "v3"
    }

    func respond(to request: Request, segments: [String], context: SandboxRequestContext) async -> Response {
        guard let buffer = try? await request.body.collect(upTo: context.maxUploadSize) else {
            return CCEReply.badRequest("The request body could not be read.").response
        }
        let body = Data(buffer.readableBytesView)
        let items = URLComponents(string: "\(request.uri)")?.queryItems ?? []
        let call = Call(
            method: request.method.rawValue, segments: segments,
            query: Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 }), body: body,
            baseURL: "https://\(request.head.authority ?? "127.0.0.1")")
        if segments == ["v3", "auth", "tokens"], call.method == "POST" { return issueToken(call).response }
        guard authenticated(request, call: call, queryItems: items) else { return CCEReply.unauthorized.response }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            return CCEReply.error(400, "CCE.01400006", "Content type not supported.").response
        }
        let (reply, effects, saved) = state.withLock { state in
            let now = configuration.now()
            var effects = state.advance(now: now, configuration: configuration)
            let reply = route(call, now: now, state: &state, effects: &effects)
            // Not a ternary: a `nil` beside a JSONValue would be read as JSON null.
            let changed = call.method != "GET" || !effects.isEmpty
            return (reply, effects, changed ? Optional(state.json) : Optional.none)
        }
        await clusterAPIs.apply(effects)
        if let saved { try? persistence?.save(saved) }
        return reply.response
    }

    /// Advances the state to now and applies the effects: a cluster's Kubernetes API calls it before serving.
    func catchUp() async {
        let (effects, saved) = state.withLock { state in
            let effects = state.advance(now: configuration.now(), configuration: configuration)
            return (effects, effects.isEmpty ? Optional.none : Optional(state.json))
        }
        await clusterAPIs.apply(effects)
        if let saved { try? persistence?.save(saved) }
    }

    private func route(_ call: Call, now: Date, state: inout CCEState, effects: inout [CCEEffect]) -> CCEReply {
        let path = call.segments
        if path.starts(with: ["api", "v3", "addons"]) {
            return addons(call, Array(path.dropFirst(3)), now: now, state: &state)
        }
        if path == ["api", "v3", "addontemplates"], call.method == "GET" {
            let version = call.query["cluster_id"].flatMap {
                state.clusters[$0]?.object.value(at: ["spec", "version"])?.stringValue
            }
            return .list(
                AddonTemplates.list(name: call.query["addon_template_name"], clusterVersion: version), kind: "Addon")
        }
        guard path.count >= 5, path.starts(with: ["api", "v3", "projects"]) else { return .notFound }
        guard configuration.projectIDs.contains(path[3]) else { return .error(403, "CCE.01403001", "Forbidden.") }
        let rest = Array(path.dropFirst(4))
        switch rest.first {
        case "clusters": return clusters(call, Array(rest.dropFirst()), now: now, state: &state, effects: &effects)
        case "jobs" where rest.count == 2 && call.method == "GET":
            return state.jobs[rest[1]].map { .json(200, $0.object) } ?? .notFound
        default: return .notFound
        }
    }

    // MARK: - authentication

    private func authenticated(_ request: Request, call: Call, queryItems: [URLQueryItem]) -> Bool {
        if let name = HTTPField.Name("X-Auth-Token"), let token = request.headers[name] {
            return state.withLock { $0.tokens[token] }.map { configuration.now() < $0 } ?? false
        }
        let header = request.headers[.authorization]
        guard let header, let parsed = CCESigner.Authorization(header: header),
            let secret = configuration.accessKeys[parsed.accessKey]
        else { return false }
        var headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        if let authority = request.head.authority { headers.append((name: "Host", value: authority)) }
        let message = CCESigner.Message(
            method: call.method, path: request.uri.path, query: queryItems.map { ($0.name, $0.value ?? "") },
            headers: headers, body: call.body)
        guard
            case .success = CCESigner.verify(
                message, authorization: header, secretKey: secret, now: configuration.now())
        else { return false }
        return true
    }

    /// `POST /v3/auth/tokens`: a password login of a configured user gets a token in `X-Subject-Token`.
    private func issueToken(_ call: Call) -> CCEReply {
        let user = call.json?.value(at: ["auth", "identity", "password", "user"])
        guard let name = user?["name"]?.stringValue, let password = user?["password"]?.stringValue,
            configuration.users[name] == password
        else {
            return .json(
                401, ["error": ["code": 401, "title": "Unauthorized", "message": "The username or password is wrong."]])
        }
        let token = "sandbox-iam-token-\(UUID().uuidString)"
        let expiry = configuration.now().addingTimeInterval(configuration.tokenLifetime)
        state.withLock { $0.tokens[token] = expiry }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let body: JSONValue = [
            "token": ["expires_at": .string(formatter.string(from: expiry)), "methods": ["password"]]
        ]
        return .json(201, body, headers: [("X-Subject-Token", token)])
    }
}
