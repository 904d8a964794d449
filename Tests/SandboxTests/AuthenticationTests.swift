import JSON
import Sandbox
import Testing

/// Bearer-token authentication answers 401 like the real server.
@Suite struct AuthenticationTests {
    static let unauthorized: JSONValue = [
        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": "Unauthorized",
        "reason": "Unauthorized", "code": 401,
    ]

    @Test(arguments: [nil, "wrong"] as [String?])
    func missingOrWrongTokenIsUnauthorized(token: String?) async throws {
        try await TestSandbox.with(token: token) { _, client in
            let answer = try await client.get("/api/v1/namespaces")
            #expect(answer.status == 401)
            #expect(answer.json == Self.unauthorized)
            #expect(try await client.get("/_sandbox/requests").status == 401)
        }
    }

    @Test func versionIsPublicButNotToAWrongToken() async throws {
        try await TestSandbox.with(token: nil) { _, client in
            let answer = try await client.get("/version")
            #expect(answer.status == 200)
        }
        try await TestSandbox.with(token: "wrong") { _, client in
            let answer = try await client.get("/version")
            #expect(answer.status == 401)
        }
    }

    /// What a real server's `system:public-info-viewer` shows anonymous callers, and nothing more: discovery and
    /// namespaced resources need the token.
    @Test func anonymousCallersSeeOnlyTheVersionAndHealthChecks() async throws {
        try await TestSandbox.with(token: nil) { _, client in
            for path in ["/version", "/healthz", "/livez", "/readyz"] {
                #expect(try await client.get(path).status == 200, "\(path)")
            }
            for path in ["/api", "/apis", "/api/v1/namespaces/default/configmaps", "/_sandbox/faults"] {
                let answer = try await client.get(path)
                #expect(answer.status == 401, "\(path)")
                #expect(answer.json == Self.unauthorized, "\(path)")
            }
        }
    }
}
