import Foundation
import HTTP
import TestSupport
import Testing

@testable import CloudAPI

@Suite struct ErrorAndRetryTests {
    private static func response(_ status: Int, _ body: String, requestID: String? = "req-42") -> HTTPResponse {
        HTTPResponse(
            status: status, headers: requestID.map { [("X-Request-Id", $0)] } ?? [], body: Data(body.utf8))
    }

    @Test(arguments: [
        (#"{"errorCode":"CCE.01400001","errorMessage":"Invalid request."}"#, "CCE.01400001", "Invalid request."),
        (
            #"{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached"}"#, "APIG.0308",
            "The throttling threshold has been reached"
        ),
    ])
    func bothErrorBodySpellingsAreRead(body: String, code: String, message: String) throws {
        let error = CCEError(
            method: .get, path: "/api/v3/x", failure: .from(status: 400, body: Data(body.utf8)), requestID: "req-42")
        #expect(error.code == code)
        #expect(error.message == message)
        #expect(error.description == "GET /api/v3/x: 400 \(code): \(message) (request id req-42)")
    }

    @Test func anotherBodyBecomesTheMessage() {
        let error = CCEError(
            method: .get, path: "/p", failure: .from(status: 502, body: Data("<html> Bad\n gateway </html>".utf8)))
        #expect(error.description == "GET /p: 502 <html> Bad gateway </html>")
        let empty = CCEError(method: .get, path: "/p", failure: .from(status: 500, body: Data()))
        #expect(empty.description == "GET /p: HTTP 500")
    }

    @Test func throttlingAnd5xxAreRetriedWithRetryAfter() async throws {
        try await CCEHarness.with() { harness async throws in
            let busy = HTTPResponse(
                status: 429, headers: [("Retry-After", "3")],
                body: Data(
                    #"{"errorCode":"CCE.02429001","errorMessage":"The throttling threshold has been reached."}"#.utf8))
            harness.transport.inject(.init(.get, pathSuffix: "/clusters", fault: .respond(busy)))
            harness.transport.inject(.init(.get, pathSuffix: "/clusters", fault: .respond(Self.response(503, "{}"))))
            harness.transport.inject(.init(.get, pathSuffix: "/clusters", fault: .loseResponse))
            #expect(try await harness.client().clusters().isEmpty)
            #expect(harness.clock.sleeps.first == .seconds(3))
            #expect(harness.clock.sleeps.count == 3)
            #expect(harness.logText.contains("429 CCE.02429001"))
        }
    }

    @Test func otherClientErrorsAreNotRetried() async throws {
        try await CCEHarness.with() { harness async throws in
            let bad = Self.response(400, #"{"errorCode":"CCE.01400015","errorMessage":"Version not supported."}"#)
            harness.transport.inject(.init(.post, pathSuffix: "/clusters", fault: .respond(bad), times: 5))
            let error = await #expect(throws: CCEError.self) {
                try await harness.client().createCluster(Samples.cluster("t"))
            }
            #expect(error?.status == 400)
            #expect(error?.attempts == 1)
            #expect(error?.requestID == "req-42")
            #expect(error?.description.contains("Version not supported.") == true)
            #expect(harness.clock.sleeps.isEmpty)
        }
    }

    @Test func retriesStopAtThePolicysLimit() async throws {
        try await CCEHarness.with() { harness async throws in
            harness.transport.inject(
                .init(.get, pathSuffix: "/clusters", fault: .respond(Self.response(500, "{}")), times: 10))
            let error = await #expect(throws: CCEError.self) {
                try await harness.client(retry: RetryPolicy(maxAttempts: 3, initialDelay: .seconds(1), jitter: 0))
                    .clusters()
            }
            #expect(error?.attempts == 3)
            #expect(harness.clock.sleeps == [.seconds(1), .seconds(2)])
        }
    }

    @Test func createsAreRetriedOnlyWhenTheServerCannotHaveActed() async throws {
        try await CCEHarness.with() { harness async throws in
            let busy = Self.response(
                429, #"{"errorCode":"CCE.01429002","errorMessage":"Resource locked by other requests."}"#)
            harness.transport.inject(.init(.post, pathSuffix: "/clusters", fault: .respond(busy)))
            harness.transport.inject(.init(.post, pathSuffix: "/clusters", fault: .refuseConnection))
            _ = try await harness.client().createCluster(Samples.cluster("tenant-a"))
            #expect(harness.clock.sleeps.count == 2)
            #expect(try await harness.clusterCount() == 1)
        }
    }

    @Test func anUndecodableSuccessIsReported() async throws {
        try await CCEHarness.with() { harness async throws in
            harness.transport.inject(
                .init(.get, pathSuffix: "/clusters", fault: .respond(Self.response(200, "not json"))))
            let error = await #expect(throws: CCEError.self) { try await harness.client().clusters() }
            #expect(error?.description.contains("HTTP 200 with a body that is not the expected JSON") == true)
        }
    }
}
