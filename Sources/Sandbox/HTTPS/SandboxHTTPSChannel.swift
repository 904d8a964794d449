import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore
import NIOSSL

/// The sandbox's connections: Hummingbird's HTTPS with ALPN (`h2`, falling back to `http/1.1`), with a
/// ``ClosedStreamResetFilter`` between TLS and HTTP/2 that holds input until the connection is handled.
struct SandboxHTTPSChannel: ServerChildChannel {
    typealias Value = HTTP2UpgradeChannel.Value

    let upgrade: HTTP2UpgradeChannel

    /// A server answering with `responder` over TLS set up by `tlsConfiguration`.
    static func server(tlsConfiguration: TLSConfiguration) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            SandboxHTTPSChannel(
                upgrade: try HTTP2UpgradeChannel(tlsConfiguration: tlsConfiguration, responder: responder))
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let value = upgrade.setup(channel: channel, logger: logger)
        do {
            // The TLS handler is in place now; the filter goes right after it, so before what ALPN adds.
            let tls = try channel.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self)
            try channel.pipeline.syncOperations.addHandler(ClosedStreamResetFilter(), position: .after(tls))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return value
    }

    /// Handles a connection in a task the server's cancellation (at stop) reaches only once the connection takes
    /// no more input and is closed. Why: Hummingbird stops taking a connection's new HTTP/2 streams once its task
    /// is cancelled or the connection closes, while NIOHTTP2 still opens the streams of frames it goes on reading,
    /// and a stream opened that no one takes traps the process ("Deinited NIOAsyncWriter without calling
    /// finish()"). So input stops first, on the event loop; then the connection closes, and the requests still
    /// running (an injected latency) are cut.
    func handle(value: Value, logger: Logger) async {
        let channel = value.channel
        channel.eventLoop.execute {
            try? channel.pipeline.syncOperations.handler(type: ClosedStreamResetFilter.self).startForwarding()
        }
        let connection = Task { await upgrade.handle(value: value, logger: logger) }
        await withTaskCancellationHandler {
            await connection.value
        } onCancel: {
            channel.eventLoop.execute {
                try? channel.pipeline.syncOperations.handler(type: ClosedStreamResetFilter.self).closeInput()
                channel.close().whenComplete { _ in connection.cancel() }
            }
        }
    }
}
