import CCEModel
import CCESigning
import Foundation
import HTTP
import JSON
import TestSupport
import Testing

@testable import CloudAPI

@Suite struct AuthenticationTests {
    /// Every request carries a signature that the sandbox verified with the secret key (it answers 401 otherwise).
    @Test func everyRequestIsSignedAndCarriesTheProject() async throws {
        try await CCEHarness.with(delay: 1) { harness async throws in
            let client = harness.client()
            let cluster = try await client.createCluster(Samples.cluster("tenant-a"))
            let id = try #require(cluster.id)
            _ = try await client.waitForCluster(id: id)
            _ = try await client.createNodePool(Samples.nodePool("pool"), cluster: id)
            _ = try await client.installAddon(CCEAddon(templateName: "coredns", clusterID: id))
            _ = try await client.removeAddon(templateName: "coredns", cluster: id)
            try await client.deleteCluster(id: id)

            let requests = harness.sent
            #expect(requests.count >= 8)
            for request in requests {
                let authorization = try #require(request.authorization?.revealed)
                #expect(authorization.hasPrefix("SDK-HMAC-SHA256 Access=\(CCEHarness.accessKeyID), SignedHeaders="))
                #expect(authorization.contains("host;") && authorization.contains("x-project-id;x-sdk-date,"))
                #expect(request.header("X-Project-Id") == CCEHarness.projectID)
                #expect(request.header("X-Sdk-Date").flatMap(CCESigner.parseDate) != nil)
                #expect(request.header("X-Auth-Token") == nil)
            }
        }
    }

    @Test func aWrongSecretKeyIsRefusedWithoutRetry() async throws {
        try await CCEHarness.with() { harness async throws in
            let wrong = CCECredentials(
                .accessKey(AccessKey(accessKey: Redacted(CCEHarness.accessKeyID), secretKey: Redacted("not-the-key"))),
                projectID: CCEHarness.projectID)
            let error = await #expect(throws: CCEError.self) { try await harness.client(wrong).clusters() }
            #expect(error?.status == 401)
            #expect(error?.attempts == 1)
            #expect(error?.description.contains("not-the-key") == false)
        }
    }

    @Test func passwordLoginGetsATokenOnceAndSendsIt() async throws {
        try await CCEHarness.with() { harness async throws in
            let client = harness.client(CCEHarness.passwordLogin)
            _ = try await client.clusters()
            _ = try await client.clusters()
            #expect(harness.tokenLogins == 1)
            let login = try #require(harness.requests(.post, pathSuffix: "/v3/auth/tokens").first)
            #expect(login.url.host == "127.0.0.1")
            #expect(login.url.query == "nocatalog=true")
            let body = try JSONValue.parse(try #require(login.body))
            #expect(body.value(at: ["auth", "identity", "methods"]) == ["password"])
            #expect(body.value(at: ["auth", "identity", "password", "user", "domain", "name"]) == "acme-account")
            #expect(body.value(at: ["auth", "scope", "project", "id"]) == .string(CCEHarness.projectID))

            let calls = harness.requests(.get, pathSuffix: "/clusters")
            #expect(calls.count == 2)
            for call in calls {
                #expect(call.header("X-Auth-Token")?.hasPrefix(CCEHarness.tokenPrefix) == true)
                #expect(call.authorization == nil)
            }
        }
    }

    @Test func theTokenIsRefreshedBeforeItExpires() async throws {
        try await CCEHarness.with(tokenLifetime: 3600) { harness async throws in
            let client = harness.client(CCEHarness.passwordLogin)
            _ = try await client.clusters()
            harness.clock.advance(by: 2900)  // 700 s left: more than the 600 s margin
            _ = try await client.clusters()
            #expect(harness.tokenLogins == 1)
            harness.clock.advance(by: 200)  // 500 s left: refresh before it expires
            _ = try await client.clusters()
            #expect(harness.tokenLogins == 2)
            let tokens = harness.requests(.get, pathSuffix: "/clusters").compactMap { $0.header("X-Auth-Token") }
            #expect(Set(tokens).count == 2)
        }
    }

    @Test func aRefusedTokenIsReplacedOnce() async throws {
        try await CCEHarness.with() { harness async throws in
            let client = harness.client(CCEHarness.passwordLogin)
            _ = try await client.clusters()
            let revoked = CCEHarness.error(401, "CCE.01401001", "The token must be updated.")
            harness.transport.inject(.init(.get, pathSuffix: "/clusters", fault: .respond(revoked)))
            _ = try await client.clusters()
            #expect(harness.tokenLogins == 2)
        }
    }

    @Test func aWrongPasswordFailsWithIAMsMessage() async throws {
        try await CCEHarness.with() { harness async throws in
            let wrong = CCECredentials(
                .password(IAMPassword(user: "ops", password: Redacted("guess"), domain: "acme-account")),
                projectID: CCEHarness.projectID)
            let error = await #expect(throws: CCEError.self) { try await harness.client(wrong).clusters() }
            #expect(error?.status == 401)
            #expect(error?.message == "The username or password is wrong.")
            #expect(error?.path == "/v3/auth/tokens?nocatalog=true")
        }
    }
}
