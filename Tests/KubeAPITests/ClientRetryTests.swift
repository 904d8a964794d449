import Foundation
import HTTP
import KubeAPI
import JSON
import TestSupport
import Testing

/// The retry loop against scripted answers: what is retried, how long it waits, and how attempts are counted.
@Suite struct ClientRetryTests {
    let namespace = ObjectReference(apiVersion: "v1", kind: "Namespace", name: "acme")
    let ok = HTTPResponse.json(200, ["kind": "Namespace", "metadata": ["name": "acme"]])
    let pauses = PauseRecorder()

    func client(_ transport: RecordingTransport, retry: RetryPolicy = .fast, log: LogCapture? = nil) -> KubeClient {
        .inMemory(transport, retry: retry, log: log?.handler, sleep: pauses.sleep)
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        let transport = RecordingTransport(script: [
            .success(.status(429, reason: "TooManyRequests", message: "slow down", headers: [("Retry-After", "2")])),
            .success(ok),
        ])
        let client = client(transport)
        _ = try await client.get(namespace)
        #expect(client.statistics == RequestStatistics(requests: 1, attempts: 2))
        #expect(pauses.pauses == [.seconds(2)])
    }

    @Test func serverErrorsBackOffExponentially() async throws {
        let policy = RetryPolicy(maxAttempts: 5, initialDelay: .milliseconds(10), maxDelay: .seconds(1), jitter: 0)
        let transport = RecordingTransport(script: [
            .success(.status(500, reason: "InternalError", message: "etcd")),
            .success(HTTPResponse(status: 503, body: Data("upstream unavailable".utf8))),
            .success(.status(504, reason: "Timeout", message: "timeout")),
            .success(ok),
        ])
        let client = client(transport, retry: policy)
        _ = try await client.get(namespace)
        #expect(client.statistics.attempts == 4)
        #expect(client.statistics.retries == 3)
        #expect(pauses.pauses == [.milliseconds(10), .milliseconds(20), .milliseconds(40)])
    }

    @Test func connectionResetsAndTimeoutsAreRetried() async throws {
        let transport = RecordingTransport(script: [
            .failure(TransportError(kind: .connectionReset, server: "https://kube.test:6443", detail: "Recv failure")),
            .failure(TransportError(kind: .timedOut, server: "https://kube.test:6443", detail: "Operation timed out")),
            .failure(TransportError(kind: .connectFailed, server: "https://kube.test:6443", detail: "refused")),
            .success(ok),
        ])
        let client = client(transport)
        let object = try await client.get(namespace)
        #expect(object.value(at: ["metadata", "name"]) == "acme")
        #expect(client.statistics.attempts == 4)
    }

    @Test(arguments: [
        (400, "BadRequest"), (401, "Unauthorized"), (403, "Forbidden"), (404, "NotFound"), (409, "AlreadyExists"),
        (422, "Invalid"),
    ])
    func clientErrorsFailAtOnce(code: Int, reason: String) async throws {
        let transport = RecordingTransport { _, _ in .status(code, reason: reason, message: "no") }
        let client = client(transport)
        let error = await #expect(throws: KubeAPIError.self) { try await client.get(namespace) }
        #expect(error?.code == code)
        #expect(error?.reason?.rawValue == reason)
        #expect(error?.attempts == 1)
        #expect(client.statistics.attempts == 1)
        #expect(pauses.pauses.isEmpty)
    }

    @Test func tlsFailuresAreNotRetried() async throws {
        let transport = RecordingTransport(script: [
            .failure(TransportError(kind: .tls, server: "https://kube.test:6443", detail: "certificate verify failed"))
        ])
        let error = await #expect(throws: KubeAPIError.self) { try await client(transport).get(namespace) }
        #expect(error?.attempts == 1)
    }

    @Test func attemptsAreBoundedAndReported() async throws {
        let log = LogCapture()
        let transport = RecordingTransport { _, _ in .status(503, reason: "ServiceUnavailable", message: "down") }
        let client = client(transport, log: log)
        let error = await #expect(throws: KubeAPIError.self) { try await client.get(namespace) }
        #expect(error?.attempts == 5)
        #expect(error?.description == "GET /api/v1/namespaces/acme: 503 ServiceUnavailable: down (after 5 attempts)")
        #expect(transport.requests.count == 5)
        #expect(pauses.pauses.count == 4)
        let retries = log.records.filter { $0.level == .info && $0.message.contains("retrying in") }
        #expect(retries.count == 4)
        #expect(retries.last?.message.contains("(attempt 5 of 5)") == true)
    }

    @Test func aRetryAfterBeyondTheTimeBudgetEndsTheRetries() async throws {
        let transport = RecordingTransport(script: [
            .success(.status(429, reason: "TooManyRequests", message: "later", headers: [("Retry-After", "120")])),
            .success(ok),
        ])
        let error = await #expect(throws: KubeAPIError.self) { try await client(transport).get(namespace) }
        #expect(error?.code == 429)
        #expect(pauses.pauses.isEmpty)
        #expect(
            error?.description
                == "GET /api/v1/namespaces/acme: 429 TooManyRequests: later (not retried: the server asked to wait 120 s (Retry-After), beyond the 120 s tenantctl spends retrying a request; try again later)"
        )
    }

    @Test func testPolicyPausesBriefly() async throws {
        let transport = RecordingTransport(script: [
            .success(.status(500, reason: "InternalError", message: "x")), .success(ok),
        ])
        let pauses = PauseRecorder()
        let client = KubeClient.inMemory(transport, sleep: pauses.sleep)
        _ = try await client.get(namespace)
        #expect(client.statistics.attempts == 2)
        #expect(pauses.pauses.count == 1)
        #expect(pauses.pauses.allSatisfy { $0 < .milliseconds(50) })
    }
}
