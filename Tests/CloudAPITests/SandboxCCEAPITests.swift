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
    private var clusters: String { "/api/v3/projects/\(CCEHarness.projectID)/clusters" }

    @Test func unsignedAndSkewedRequestsAre401WithACCEBodyAndARequestID() async throws {
        try await CCEHarness.with { harness async throws in
            let unsigned = try await harness.send(.get, clusters)
            #expect(unsigned.status == 401)
            #expect(try JSONValue.parse(unsigned.body)["errorCode"] == "CCE.01401001")
            #expect(unsigned.header("X-Request-Id")?.isEmpty == false)
            let skewed = try await harness.send(
                .get, clusters, signedAt: harness.clock.now().addingTimeInterval(-16 * 60))
            #expect(skewed.status == 401)
            let fresh = try await harness.send(
                .get, clusters, signedAt: harness.clock.now().addingTimeInterval(-14 * 60))
            #expect(fresh.status == 200)
        }
    }

    @Test func badBodiesAndUnknownIDsGetCCEErrors() async throws {
        try await CCEHarness.with { harness async throws in
            let now = harness.clock.now()
            let bad = try await harness.send(.post, clusters, body: #"{"metadata":{}}"#, signedAt: now)
            #expect(bad.status == 400)
            #expect(try JSONValue.parse(bad.body)["errorCode"] == "CCE.01400001")
            let missing = try await harness.send(.get, clusters + "/no-such-cluster", signedAt: now)
            #expect(missing.status == 404)
            #expect(
                try JSONValue.parse(missing.body)
                    == ["errorCode": "CCE.01404001", "errorMessage": "Resource not found."])
            let otherProject = try await harness.send(.get, "/api/v3/projects/other/clusters", signedAt: now)
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
