import CCESigning
import Foundation
import JSON
import KubeAPI
import Sandbox
import TestSupport
import Testing

@testable import CloudAPI

/// The sandbox's CCE API on the wire, below the client: authentication, error bodies, request IDs, and the
/// sandbox's own fault injection and request counts on CCE routes.
@Suite struct SandboxCCEAPITests {
    private func send(
        _ harness: CCEHarness, _ method: HTTPMethod, _ path: String, body: String? = nil, signedAt date: Date? = nil
    ) async throws -> HTTPResponse {
        let url = try #require(URL(string: harness.sandbox.url.absoluteString + path))
        var request = HTTPRequest(
            method: method, url: url, headers: [("Content-Type", "application/json")], body: body.map { Data($0.utf8) })
        if let date {
            let key = AccessKey(accessKey: Redacted(CCEHarness.accessKeyID), secretKey: Redacted(CCEHarness.secretKey))
            CCESigner.sign(&request, with: key, date: date)
        }
        return try await CurlTransport(trust: harness.sandbox.trust).send(request)
    }

    private var clusters: String { "/api/v3/projects/\(CCEHarness.projectID)/clusters" }

    @Test func unsignedAndSkewedRequestsAre401WithACCEBodyAndARequestID() async throws {
        try await CCEHarness.with { harness async throws in
            let unsigned = try await send(harness, .get, clusters)
            #expect(unsigned.status == 401)
            #expect(try JSONValue.parse(unsigned.body)["errorCode"] == "CCE.01401001")
            #expect(unsigned.header("X-Request-Id")?.isEmpty == false)
            let skewed = try await send(
                harness, .get, clusters, signedAt: harness.clock.now().addingTimeInterval(-16 * 60))
            #expect(skewed.status == 401)
            let fresh = try await send(
                harness, .get, clusters, signedAt: harness.clock.now().addingTimeInterval(-14 * 60))
            #expect(fresh.status == 200)
        }
    }

    @Test func badBodiesAndUnknownIDsGetCCEErrors() async throws {
        try await CCEHarness.with { harness async throws in
            let now = harness.clock.now()
            let bad = try await send(harness, .post, clusters, body: #"{"metadata":{}}"#, signedAt: now)
            #expect(bad.status == 400)
            #expect(try JSONValue.parse(bad.body)["errorCode"] == "CCE.01400001")
            let missing = try await send(harness, .get, clusters + "/no-such-cluster", signedAt: now)
            #expect(missing.status == 404)
            #expect(
                try JSONValue.parse(missing.body)
                    == ["errorCode": "CCE.01404001", "errorMessage": "Resource not found."])
            let otherProject = try await send(harness, .get, "/api/v3/projects/other/clusters", signedAt: now)
            #expect(otherProject.status == 403)
        }
    }

    @Test func sandboxFaultsAndCountsCoverCCERoutes() async throws {
        try await CCEHarness.with { harness async throws in
            harness.sandbox.server.faults.add(
                Fault(method: "GET", path: clusters, trigger: .first(1), effect: .status(503)))
            harness.sandbox.server.resetRequestCounts()
            #expect(try await harness.client().clusters().isEmpty)
            #expect(harness.sandbox.server.requestCounts["GET"] == 2)
            #expect(harness.logText.contains("503 CCE.01500001"))
        }
    }
}
