import Hummingbird
import Synchronization

/// The requests being served, each from its arrival until its response has been written: `stop()` lets them
/// finish, then closes every connection at once, idle ones included (an idle HTTP/2 client, such as libcurl's
/// connection pool, need not answer the server's GOAWAY, so waiting for it to close would take the whole grace
/// period).
final class InFlightRequests: Sendable {
    private let count = Mutex(0)

    var isEmpty: Bool { count.withLock { $0 == 0 } }

    fileprivate func begin() { count.withLock { $0 += 1 } }
    fileprivate func end() { count.withLock { $0 -= 1 } }
}

/// Counts a request in ``InFlightRequests`` until its response body has been written or has failed.
struct InFlightMiddleware: RouterMiddleware {
    let requests: InFlightRequests

    func handle(
        _ request: Request, context: SandboxRequestContext,
        next: (Request, SandboxRequestContext) async throws -> Response
    ) async throws -> Response {
        requests.begin()
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            requests.end()
            throw error
        }
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { [requests] writer in
            defer { requests.end() }
            try await body.write(writer)
        }
        return response
    }
}
