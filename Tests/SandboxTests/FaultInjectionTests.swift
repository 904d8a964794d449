import Foundation
import JSON
import Sandbox
import Testing

/// Faults injected through the Swift API and the admin route, and request counting.
@Suite struct FaultInjectionTests {
    @Test func nthRequestFailsWithRetryAfter() async throws {
        try await TestSandbox.with { server, client async throws in
            server.faults.add(
                Fault(
                    method: "GET", path: "/api/v1/namespaces/*", trigger: .nth(2), effect: .status(503, retryAfter: 2)))
            #expect(try await client.get("/api/v1/namespaces/default").status == 200)
            let failed = try await client.get("/api/v1/namespaces/default")
            #expect(failed.status == 503)
            #expect(failed.header("Retry-After") == "2")
            #expect(failed.json["reason"] == "ServiceUnavailable")
            #expect(failed.json[path: "details.retryAfterSeconds"] == 2)
            #expect(try await client.get("/api/v1/namespaces/default").status == 200)
            #expect(try await client.get("/api/v1/namespaces").status == 200)
        }
    }

    @Test func firstRequestsAndFractions() async throws {
        try await TestSandbox.with { server, client async throws in
            server.faults.add(Fault(path: "/api/**", trigger: .first(2), effect: .status(429, retryAfter: 1)))
            #expect(try await client.get("/api/v1/namespaces").status == 429)
            #expect(try await client.get("/api/v1").status == 429)
            #expect(try await client.get("/api/v1/namespaces").status == 200)
            server.faults.clear()
            server.faults.add(Fault(method: "POST", path: "/**", trigger: .fraction(1), effect: .status(500)))
            server.faults.add(Fault(method: "POST", path: "/**", trigger: .fraction(0), effect: .status(418)))
            #expect(try await client.post("/api/v1/namespaces", namespace("x")).status == 500)
            #expect(try await client.get("/api/v1/namespaces").status == 200)
        }
    }

    @Test func latencyDelaysTheAnswer() async throws {
        try await TestSandbox.with { server, client async throws in
            server.faults.add(Fault(path: "/version", effect: .latency(.milliseconds(300))))
            let clock = ContinuousClock()
            let start = clock.now
            #expect(try await client.get("/version").status == 200)
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    @Test func droppedConnectionGetsNoAnswer() async throws {
        try await TestSandbox.with { server, client async throws in
            server.faults.add(Fault(path: "/api/v1/namespaces", trigger: .nth(1), effect: .drop))
            await #expect(throws: (any Error).self) { try await client.get("/api/v1/namespaces") }
            #expect(try await client.get("/api/v1/namespaces").status == 200)
        }
    }

    @Test func adminRouteAddsListsAndClearsFaults() async throws {
        try await TestSandbox.with { server, client async throws in
            let fault: JSONValue = [
                "method": "delete", "path": "/api/v1/namespaces/*", "nth": 1, "status": 500, "retryAfter": 3,
            ]
            let added = try await client.post("/_sandbox/faults", fault)
            #expect(added.status == 201)
            #expect(
                server.faults.faults == [
                    Fault(
                        method: "DELETE", path: "/api/v1/namespaces/*", trigger: .nth(1),
                        effect: .status(500, retryAfter: 3))
                ])
            #expect(try await client.get("/_sandbox/faults").json == [added.json])
            let failed = try await client.delete("/api/v1/namespaces/default")
            #expect(failed.status == 500)
            #expect(failed.header("Retry-After") == "3")
            #expect(try await client.post("/_sandbox/faults", ["path": "/x"]).status == 400)
            #expect(try await client.delete("/_sandbox/faults").status == 200)
            #expect(server.faults.faults.isEmpty)
            _ = try await client.post("/_sandbox/faults", ["path": "/api/v1/namespaces", "drop": true])
            await #expect(throws: (any Error).self) { try await client.get("/api/v1/namespaces") }
            _ = try await client.post("/_sandbox/faults", ["path": "/version", "latencyMilliseconds": 50])
            #expect(server.faults.faults.count == 2)
        }
    }

    @Test func requestsAreCountedByMethodAndHTTPVersion() async throws {
        try await TestSandbox.with { server, client async throws in
            _ = try await client.get("/api/v1/namespaces")
            _ = try await client.post("/api/v1/namespaces", namespace("counted"))
            _ = try await client.patch("/api/v1/namespaces/counted", ["metadata": ["labels": ["a": "b"]]])
            #expect(
                server.requestCounts
                    == RequestCounts(byMethod: ["GET": 1, "POST": 1, "PATCH": 1], byProtocol: ["HTTP/2": 3]))
            #expect(server.requestCounts.writes == 2)
            #expect(server.requestCounts["patch"] == 1)
            let counts = try await client.get("/_sandbox/requests")
            #expect(
                counts.json == [
                    "byMethod": ["GET": 1, "POST": 1, "PATCH": 1], "byProtocol": ["HTTP/2": 3], "total": 3,
                ])
            #expect(
                try await client.delete("/_sandbox/requests").json == ["byMethod": [:], "byProtocol": [:], "total": 0])
            #expect(server.requestCounts.total == 0)
            _ = try await client.get("/api/v1/namespaces/counted")
            server.resetRequestCounts()
            #expect(server.requestCounts.total == 0)
        }
    }
}
