import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// An embedded Kubernetes API server on loopback, for tests and the demo.
///
/// ```swift
/// let server = try SandboxServer(configuration: SandboxConfiguration(token: "t0ken"))
/// let url = try await server.start()   // https://127.0.0.1:PORT
/// // … drive it over HTTPS trusting `server.certificateAuthorityPEM`, read `server.store`, add `server.faults` …
/// await server.stop()
/// ```
///
/// Serves HTTPS as a real API server does: TLS 1.2 or later with a certificate from the sandbox's own authority
/// (``SandboxConfiguration/tls``), HTTP/2 when the client offers `h2` through ALPN and HTTP/1.1 otherwise.
/// Serves on Hummingbird with an event loop thread of its own; ``stop()`` ends watches and the controllers,
/// lets running requests finish, closes the listener and connections and joins the thread, so nothing outlives
/// it. Start and stop it from one task at a time.
public final class SandboxServer: Sendable {
    /// Why the sandbox could not start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    private struct Running {
        var url: URL
        var serviceGroup: ServiceGroup
        var serverTask: Task<Void, Never>
        var controllersTask: Task<Void, Never>
        var eventLoopGroup: MultiThreadedEventLoopGroup
    }

    /// The configuration, its ``SandboxConfiguration/tls`` filled in.
    public let configuration: SandboxConfiguration
    /// The objects of the sandbox cluster; tests read and write them directly.
    public let store: KubeStore
    /// Faults injected into matching requests.
    public let faults = FaultInjector()
    /// The sandbox's CA certificate (PEM): what clients must trust to reach it.
    public let certificateAuthorityPEM: String
    private let tls: SandboxTLS
    private let counter = RequestCounter()
    private let inFlight = InFlightRequests()
    /// The CCE API, when configured, and the Kubernetes APIs of its clusters.
    private let cce: CCEAPI?
    private let running = Mutex<Running?>(nil)

    /// A sandbox with `configuration`; loads the state directory's snapshot when there is one.
    public init(configuration: SandboxConfiguration) throws {
        var configuration = configuration
        let tls = try configuration.tls ?? .generate()
        configuration.tls = tls
        self.configuration = configuration
        self.tls = tls
        let authorityPEM = try tls.authority.certificatePEM
        self.certificateAuthorityPEM = authorityPEM
        let catalog = ResourceCatalog(
            minorVersion: KubeVersion(configuration.gitVersion).minor, customResources: configuration.customResources)
        let store = try KubeStore(catalog: catalog, stateDirectory: configuration.stateDirectory)
        self.store = store
        self.cce = try configuration.cce.map {
            try CCEAPI(
                configuration: $0, clusterAPIs: ClusterAPIs(configuration: configuration, main: store),
                authority: tls.authority, stateDirectory: configuration.stateDirectory)
        }
    }

    /// The Kubernetes store of a cluster created through the CCE API, while it exists.
    public func store(ofCluster id: String) async -> KubeStore? {
        await cce?.catchUp()
        return cce?.clusterAPIs.store(for: id)
    }

    /// Requests served so far by method and HTTP version (the `/_sandbox` admin routes excluded).
    public var requestCounts: RequestCounts { counter.snapshot }

    public func resetRequestCounts() { counter.reset() }

    /// The base URL while running.
    public var url: URL? { running.withLock { $0?.url } }

    /// Binds, starts serving and the controllers, and returns the base URL (`https://127.0.0.1:PORT`).
    public func start() async throws -> URL {
        if let url { return url }
        let tlsConfiguration = try tls.serverConfiguration(host: configuration.host)
        await store.openEventStreams()
        await store.seedCluster(nodes: configuration.nodes, kubeletVersion: configuration.gitVersion)
        await cce?.restoreClusters()
        let controllers = Controllers(store: store, timings: configuration.controllerTimings)
        let controllersTask = Task { await controllers.run() }
        let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var logger = Logger(label: "tenantctl.sandbox")
        logger.logLevel = .critical
        let port = AsyncStream<Int>.makeStream()
        let application = Application(
            router: makeRouter(), server: SandboxHTTPSChannel.server(tlsConfiguration: tlsConfiguration),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "tenantctl-sandbox"),
            onServerRunning: { channel in
                port.continuation.yield(channel.localAddress?.port ?? 0)
                port.continuation.finish()
            },
            eventLoopGroupProvider: .shared(eventLoopGroup), logger: logger)
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        let failure = Mutex<(any Error)?>(nil)
        let serverTask = Task {
            do {
                try await serviceGroup.run()
            } catch {
                failure.withLock { $0 = error }
            }
            port.continuation.finish()
        }
        var iterator = port.stream.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0,
            let url = URL(string: "https://\(configuration.host):\(bound)")
        else {
            controllersTask.cancel()
            await serviceGroup.triggerGracefulShutdown()
            await serverTask.value
            try? await eventLoopGroup.shutdownGracefully()
            let cause = failure.withLock { $0.map { ": \($0)" } ?? "" }
            throw StartError(
                description: "the sandbox could not listen on \(configuration.host):\(configuration.port)\(cause)")
        }
        running.withLock {
            $0 = Running(
                url: url, serviceGroup: serviceGroup, serverTask: serverTask, controllersTask: controllersTask,
                eventLoopGroup: eventLoopGroup)
        }
        return url
    }

    /// Stops serving: ends watches and the controllers, closes the listener and connections, joins the thread.
    public func stop() async {
        guard
            let state = running.withLock({ current -> Running? in
                defer { current = nil }
                return current
            })
        else { return }
        await store.finishEventStreams()
        await cce?.clusterAPIs.shutdown()
        state.controllersTask.cancel()
        await state.controllersTask.value
        await state.serviceGroup.triggerGracefulShutdown()
        // In-flight requests may finish (an injected latency included) for a while; then, or as soon as none is
        // left, every connection is closed, idle ones included.
        let cutter = Task { [inFlight, grace = configuration.shutdownGracePeriod] in
            let deadline = ContinuousClock.now + grace
            while !inFlight.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            state.serverTask.cancel()
        }
        await state.serverTask.value
        cutter.cancel()
        try? await state.eventLoopGroup.shutdownGracefully()
    }

    private func makeRouter() -> Router<SandboxRequestContext> {
        let router = Router(context: SandboxRequestContext.self)
        router.add(middleware: InFlightMiddleware(requests: inFlight))
        router.add(middleware: RequestCountingMiddleware(counter: counter))
        router.add(
            middleware: AuthenticationMiddleware(
                token: configuration.token, servesCCE: cce != nil,
                seededClusters: Set((configuration.cce?.seedClusters ?? []).map(\.id))))
        router.add(middleware: FaultMiddleware(faults: faults, servesCCE: cce != nil))
        AdminRoutes(faults: faults, counter: counter).register(on: router)
        let handler = KubeAPIHandler(store: store, configuration: configuration)
        let cce = cce
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("**", method: method) { request, context in
                let segments = context.parameters.getCatchAll().map(String.init)
                guard let cce else { return await handler.respond(to: request, segments: segments, context: context) }
                if CCEAPI.serves(segments) {
                    return await cce.respond(to: request, segments: segments, context: context)
                }
                guard segments.count >= 2, segments[0] == "clusters" else {
                    return await handler.respond(to: request, segments: segments, context: context)
                }
                await cce.catchUp()
                guard let cluster = cce.clusterAPIs.handler(for: segments[1]) else {
                    return KubeResponse.error(KubeStatusError.pageNotFound)
                }
                return await cluster.respond(to: request, segments: Array(segments.dropFirst(2)), context: context)
            }
        }
        return router
    }
}
