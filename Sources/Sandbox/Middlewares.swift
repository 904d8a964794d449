import Hummingbird
import JSON

/// Paths of the sandbox's own admin API, which faults and request counts leave out.
let adminPathPrefix = "/_sandbox/"

/// True for the CCE API's paths: `/api/v3/…` and `/v3/…`.
func isCCEPath(_ path: String) -> Bool {
    CCEAPI.serves(path.split(separator: "/").map(String.init))
}

/// Counts every API request by method and HTTP version before anything else can answer it.
struct RequestCountingMiddleware: RouterMiddleware {
    let counter: RequestCounter

    func handle(
        _ request: Request, context: SandboxRequestContext,
        next: (Request, SandboxRequestContext) async throws -> Response
    ) async throws -> Response {
        if !request.uri.path.hasPrefix(adminPathPrefix) {
            counter.record(request.method.rawValue, over: await context.httpVersion)
        }
        return try await next(request, context)
    }
}

/// Authentication as a kube-apiserver with a token file and a client CA: the sandbox's bearer token or a client
/// certificate of its authority; a wrong token is answered 401 like the real server, a missing one too, except
/// on `/version` and the health checks, which anonymous callers may read (as `system:public-info-viewer` allows
/// on a real server). Each cluster has its own certificate authority on CCE, so a certificate is taken only where
/// its cluster is served (the subject's organizational unit names it): a cluster created through the CCE API, at
/// `/clusters/{id}/`, a server that does not know the sandbox's token either; a seeded cluster (or none), at the
/// root.
struct AuthenticationMiddleware: RouterMiddleware {
    let token: String
    /// The CCE routes authenticate on their own (AK/SK signature or IAM token).
    let servesCCE: Bool
    /// The seeded clusters, which the root serves.
    let seededClusters: Set<String>
    static let publicPaths: Set<String> = ["/version", "/healthz", "/livez", "/readyz"]

    func handle(
        _ request: Request, context: SandboxRequestContext,
        next: (Request, SandboxRequestContext) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if servesCCE && isCCEPath(path) { return try await next(request, context) }
        if servesCCE, let cluster = Self.createdCluster(path) {
            let identity = await ClientIdentity.presented(on: context.channel)
            guard identity?.units.contains(cluster) == true else { return KubeResponse.error(.unauthorized) }
            return try await next(request, context)
        }
        let header = request.headers[.authorization]
        if header == "Bearer \(token)" { return try await next(request, context) }
        if let identity = await ClientIdentity.presented(on: context.channel) {
            guard identity.units.isEmpty || !seededClusters.isDisjoint(with: identity.units) else {
                return KubeResponse.error(.unauthorized)
            }
            return try await next(request, context)
        }
        guard header == nil, Self.publicPaths.contains(path) else { return KubeResponse.error(.unauthorized) }
        return try await next(request, context)
    }

    /// The cluster ID of a path under `/clusters/{id}/`.
    static func createdCluster(_ path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count >= 2, segments[0] == "clusters" else { return nil }
        return String(segments[1])
    }
}

/// Applies the ``FaultInjector``'s decision: latency, an error answer, or a dropped connection (over HTTP/2,
/// the request's stream is reset instead: the connection carries other requests).
struct FaultMiddleware: RouterMiddleware {
    let faults: FaultInjector
    /// Injected errors on CCE routes get CCE error bodies.
    let servesCCE: Bool

    /// Thrown after closing the connection so that nothing is written.
    struct DroppedConnection: Error {}

    func handle(
        _ request: Request, context: SandboxRequestContext,
        next: (Request, SandboxRequestContext) async throws -> Response
    ) async throws -> Response {
        guard !request.uri.path.hasPrefix(adminPathPrefix) else { return try await next(request, context) }
        let decision = faults.decide(method: request.method.rawValue, path: request.uri.path)
        if decision.latency > .zero { try await Task.sleep(for: decision.latency) }
        switch decision.failure {
        case nil:
            return try await next(request, context)
        case .drop:
            try await context.channel.close()
            throw DroppedConnection()
        case .status(let code, let retryAfter, let message)? where servesCCE && isCCEPath(request.uri.path):
            var reply = CCEReply.injected(status: code, message: message)
            if let retryAfter { reply.headers.append((name: "Retry-After", value: String(retryAfter))) }
            return reply.response
        case .status(let code, let retryAfter, let message)?:
            return KubeResponse.error(Self.injected(code: code, retryAfter: retryAfter, message: message))
        case .latency?:
            return try await next(request, context)
        }
    }

    /// A `Status` like the real server's for that code.
    static func injected(code: Int, retryAfter: Int?, message: String?) -> KubeStatusError {
        let reason: String
        switch code {
        case 400: reason = "BadRequest"
        case 401: reason = "Unauthorized"
        case 403: reason = "Forbidden"
        case 404: reason = "NotFound"
        case 409: reason = "Conflict"
        case 410: reason = "Expired"
        case 422: reason = "Invalid"
        case 429: reason = "TooManyRequests"
        case 503: reason = "ServiceUnavailable"
        case 504: reason = "Timeout"
        case 500...: reason = "InternalError"
        default: reason = "Unknown"
        }
        let text = message ?? (code == 429 ? "Too many requests, please try again later." : "injected fault: \(reason)")
        return KubeStatusError(code: code, reason: reason, message: text, retryAfterSeconds: retryAfter)
    }
}
