import Foundation
import JSON
import Sandbox
import Testing

/// Starting and stopping: ports, idle client connections and open watches do not keep a sandbox alive.
@Suite struct LifecycleTests {
    @Test func stopsPromptlyWithIdleConnectionsAndOpenWatches() async throws {
        // A long grace period: stopping must not wait for it when only idle connections and watches are open.
        var configuration = TestSandbox.configuration()
        configuration.shutdownGracePeriod = .seconds(60)
        let server = try SandboxServer(configuration: configuration)
        let url = try await server.start()
        #expect(url.host == "127.0.0.1")
        #expect((url.port ?? 0) > 0)
        let client = TestClient(server, url: url)
        #expect(try await client.get("/api/v1/namespaces").status == 200)
        let watch = Task { try? await client.get("/api/v1/namespaces?watch=true") }
        try await Task.sleep(for: .milliseconds(100))
        let clock = ContinuousClock()
        let start = clock.now
        await server.stop()
        // Well under the 60 s grace period: open watches do not hold the stop (a loaded machine takes seconds).
        #expect(clock.now - start < .seconds(45))
        _ = await watch.value
        #expect(server.url == nil)
        await #expect(throws: (any Error).self) { try await client.get("/version") }
    }

    @Test func restartsOnTheSamePort() async throws {
        let server = try SandboxServer(configuration: TestSandbox.configuration())
        let url = try await server.start()
        #expect(try await server.start() == url)
        await server.stop()
        await server.stop()
        var configuration = TestSandbox.configuration()
        configuration.port = url.port ?? 0
        let again = try SandboxServer(configuration: configuration)
        #expect(try await again.start() == url)
        await again.stop()
    }
}

extension LifecycleTests {
    @Test func stopCutsRequestsStillWaitingOnInjectedLatency() async throws {
        let server = try SandboxServer(configuration: TestSandbox.configuration())
        let url = try await server.start()
        server.faults.add(Fault(path: "/version", effect: .latency(.seconds(30))))
        let client = TestClient(server, url: url)
        let slow = Task { try? await client.get("/version") }
        try await Task.sleep(for: .milliseconds(200))
        let clock = ContinuousClock()
        let start = clock.now
        await server.stop()
        // Well under the 30 s latency: the stop cuts the request instead of waiting it out.
        #expect(clock.now - start < .seconds(25))
        #expect(await slow.value == nil)
    }
}

extension LifecycleTests {
    @Test func aStoppedServerStartsAgainWithItsObjectsAndControllers() async throws {
        let server = try SandboxServer(configuration: TestSandbox.configuration())
        _ = try await server.start()
        await server.stop()
        let url = try await server.start()
        let client = TestClient(server, url: url)
        _ = try await client.post("/api/v1/namespaces", namespace("second-life"))
        #expect(
            await eventually {
                try await client.get("/api/v1/namespaces/second-life/serviceaccounts/default").status == 200
            })
        await server.stop()
    }

    @Test func aBusyPortIsReportedWithItsCause() async throws {
        let first = try SandboxServer(configuration: TestSandbox.configuration())
        let url = try await first.start()
        var configuration = TestSandbox.configuration()
        configuration.port = url.port ?? 0
        let second = try SandboxServer(configuration: configuration)
        await #expect {
            try await second.start()
        } throws: { error in
            "\(error)".contains("could not listen on 127.0.0.1:\(url.port ?? 0): ")
        }
        await first.stop()
    }
}
