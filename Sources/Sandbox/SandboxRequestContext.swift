import Hummingbird
import NIOCore

/// The request context of the sandbox's routes: Hummingbird's core storage plus the connection, so that a
/// fault can drop it without answering.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    var maxUploadSize: Int { 16 * 1024 * 1024 }
}
