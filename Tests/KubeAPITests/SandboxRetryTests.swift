import Foundation
import HTTP
import KubeAPI
import JSON
import Sandbox
import TestSupport
import Testing

/// Retries over libcurl against injected faults, counted on both sides.
@Suite struct SandboxRetryTests {
    let reference = ObjectReference(apiVersion: "v1", kind: "Namespace", name: "default")
    let path = "/api/v1/namespaces/default"

    func client(_ sandbox: RunningSandbox, retry: RetryPolicy = .fast, limits: TransferLimits = .init())
        -> KubeClient
    {
        KubeClient(connection: sandbox.connection(), options: .init(retry: retry, limits: limits))
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        try await withSandbox { sandbox in
            sandbox.server.faults.add(Fault(path: path, trigger: .nth(1), effect: .status(429, retryAfter: 1)))
            let client = client(sandbox)
            let started = ContinuousClock.now
            _ = try await client.get(reference)
            #expect(ContinuousClock.now - started >= .seconds(1))
            #expect(client.statistics.attempts == 2)
            #expect(sandbox.server.requestCounts["GET"] == 2)
        }
    }

    @Test func serverErrorsAreRetried() async throws {
        try await withSandbox { sandbox in
            sandbox.server.faults.add(Fault(path: path, trigger: .first(2), effect: .status(500)))
            let client = client(sandbox)
            _ = try await client.get(reference)
            #expect(client.statistics.attempts == 3)
            #expect(sandbox.server.requestCounts["GET"] == 3)
        }
    }

    @Test func droppedConnectionsAreRetried() async throws {
        try await withSandbox { sandbox in
            sandbox.server.faults.add(Fault(path: path, trigger: .first(2), effect: .drop))
            let client = client(sandbox)
            _ = try await client.get(reference)
            #expect(client.statistics.attempts == 3)
        }
    }

    @Test func persistentFailuresStopAtTheAttemptLimit() async throws {
        try await withSandbox { sandbox in
            sandbox.server.faults.add(Fault(path: path, effect: .status(503, message: "overloaded")))
            let client = client(
                sandbox, retry: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(1), maxDelay: .milliseconds(2)))
            let error = await #expect(throws: KubeAPIError.self) { try await client.get(reference) }
            #expect(error?.attempts == 3)
            #expect(error?.code == 503)
            #expect(sandbox.server.requestCounts["GET"] == 3)
        }
    }

    @Test func timeoutsAreRetried() async throws {
        try await withSandbox { sandbox in
            // Only the first request is slow; the timeout leaves a loaded machine (the end-to-end tests run
            // processes beside this) ample time for the others, and a later one timing out too still passes.
            sandbox.server.faults.add(Fault(path: path, trigger: .first(1), effect: .latency(.seconds(8))))
            let client = client(sandbox, limits: .init(connect: .seconds(2), request: .seconds(3)))
            _ = try await client.get(reference)
            #expect(client.statistics.attempts >= 2)
            #expect(client.statistics.retries >= 1)
        }
    }

    @Test(arguments: [404, 422])
    func clientErrorsAreNotRetried(status: Int) async throws {
        try await withSandbox { sandbox in
            sandbox.server.faults.add(Fault(path: path, effect: .status(status)))
            let client = client(sandbox)
            let error = await #expect(throws: KubeAPIError.self) { try await client.get(reference) }
            #expect(error?.code == status)
            #expect(error?.attempts == 1)
            #expect(sandbox.server.requestCounts["GET"] == 1)
        }
    }

    @Test func refusedConnectionsAreRetriedThenReported() async throws {
        let port = try LoopbackPort.free()
        let connection = ClusterConnection(server: try #require(URL(string: "https://127.0.0.1:\(port)")))
        let client = KubeClient(
            connection: connection, options: .init(retry: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(1))))
        let error = await #expect(throws: KubeAPIError.self) { try await client.get(reference) }
        guard case .transport(let transport) = error?.failure else {
            Issue.record("expected a transport failure, got \(String(describing: error))")
            return
        }
        #expect(transport.kind == .connectFailed)
        #expect(error?.attempts == 3)
    }
}
