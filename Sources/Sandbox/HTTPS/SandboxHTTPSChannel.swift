import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore
import NIOSSL

/// The sandbox's connections: Hummingbird's HTTPS with ALPN (`h2`, falling back to `http/1.1`), with a
/// ``ClosedStreamResetFilter`` between TLS and HTTP/2.
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

    func handle(value: Value, logger: Logger) async {
        await upgrade.handle(value: value, logger: logger)
    }
}
