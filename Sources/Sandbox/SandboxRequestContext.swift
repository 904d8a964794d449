import Hummingbird
import NIOCore
import NIOHTTP2

/// The request context of the sandbox's routes: Hummingbird's core storage plus the connection, so that a
/// fault can drop it without answering.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The request's channel: the connection for HTTP/1.1, the request's stream for HTTP/2.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    var maxUploadSize: Int { 16 * 1024 * 1024 }

    /// `HTTP/2` when the request came on a stream of an HTTP/2 connection (ALPN chose `h2`; the stream's parent,
    /// the connection, runs NIOHTTP2's handler), else `HTTP/1.1` (the connection's parent is the listener).
    var httpVersion: String {
        get async {
            guard let connection = channel.parent,
                (try? await connection.pipeline.containsHandler(type: NIOHTTP2Handler.self).get()) != nil
            else { return "HTTP/1.1" }
            return "HTTP/2"
        }
    }
}
