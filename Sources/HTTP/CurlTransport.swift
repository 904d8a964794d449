import CCurl
import Foundation

/// The real `HTTPTransport`: libcurl over TLS with the server trust of one cluster, every transfer bounded by
/// its `TransferLimits`.
///
/// Transfers run on a dedicated thread through libcurl's multi interface (connection reuse, HTTP/2 where
/// the server offers it) and are bridged to `async` with continuations; cancelling the calling task aborts
/// the transfer. The client certificate travels with each request, so exec plugins can rotate it.
public struct CurlTransport: HTTPTransport {
    public let trust: ServerTrust
    public let limits: TransferLimits

    /// Makes a transport; with `insecureSkipVerify` it logs a warning, since the server is then unauthenticated.
    public init(trust: ServerTrust = ServerTrust(), limits: TransferLimits = TransferLimits(), log: LogHandler? = nil) {
        self.trust = trust
        self.limits = limits
        if trust.insecureSkipVerify {
            log?(LogRecord(.warning, "insecure-skip-tls-verify is set: the API server's certificate is not verified"))
        }
    }

    /// What every libcurl transfer of this process has done so far: requests sent, deliveries of data libcurl held
    /// back until the loop's 20 ms wake-up, and stalls (a delivery held until a one-second poll ran out; zero).
    public static var processStatistics: (requests: Int, heldDeliveries: Int, stalls: Int) {
        let statistics = CurlMultiLoop.shared?.statistics ?? .init()
        return (statistics.transfers, statistics.heldDeliveries, statistics.stalls)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let loop = CurlMultiLoop.shared else {
            throw TransportError(
                kind: .other, server: request.url.absoluteString, detail: "libcurl failed to initialise")
        }
        let transfer = try CurlTransfer(request: request, trust: trust, limits: limits, loop: loop)
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
