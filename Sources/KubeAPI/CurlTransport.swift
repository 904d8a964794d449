import CCurl
import Foundation

/// The real `HTTPTransport`: libcurl over TLS with the server trust of one cluster.
///
/// Transfers run on a dedicated thread through libcurl's multi interface (connection reuse, HTTP/2 where
/// the server offers it) and are bridged to `async` with continuations; cancelling the calling task aborts
/// the transfer. The client certificate travels with each request, so exec plugins can rotate it.
public struct CurlTransport: HTTPTransport {
    /// Connect and total timeouts for each attempt.
    public struct Timeouts: Sendable, Hashable {
        public var connect: Duration
        public var total: Duration

        public init(connect: Duration = .seconds(10), total: Duration = .seconds(60)) {
            self.connect = connect
            self.total = total
        }
    }

    public let trust: ServerTrust
    public let timeouts: Timeouts

    /// Makes a transport; with `insecureSkipVerify` it logs a warning, since the server is then unauthenticated.
    public init(trust: ServerTrust = ServerTrust(), timeouts: Timeouts = Timeouts(), log: LogHandler? = nil) {
        self.trust = trust
        self.timeouts = timeouts
        if trust.insecureSkipVerify {
            log?(LogRecord(.warning, "insecure-skip-tls-verify is set: the API server's certificate is not verified"))
        }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let loop = CurlMultiLoop.shared else {
            throw TransportError(
                kind: .other, server: request.url.absoluteString, detail: "libcurl failed to initialise")
        }
        let transfer = try CurlTransfer(request: request, trust: trust, timeouts: timeouts)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.await(continuation)
                loop.submit(transfer)
            }
        } onCancel: {
            transfer.cancel()
            loop.wake()
        }
    }
}
