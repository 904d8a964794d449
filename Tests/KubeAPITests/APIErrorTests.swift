import Foundation
import HTTP
import Testing

@testable import KubeAPI

/// Status bodies as a real kube-apiserver v1.28 returns them (shared/reference/kube-api-samples).
@Suite struct APIErrorTests {
    static let invalidConfigMap = """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
         "message":"ConfigMap \\"Bad_Name\\" is invalid: metadata.name: Invalid value: \\"Bad_Name\\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters",
         "reason":"Invalid",
         "details":{"name":"Bad_Name","kind":"ConfigMap","causes":[{"reason":"FieldValueInvalid",
           "message":"Invalid value: \\"Bad_Name\\": a lowercase RFC 1123 subdomain","field":"metadata.name"}]},
         "code":422}
        """
    static let alreadyExists = """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"namespaces \\"sample-ns\\" already exists",
         "reason":"AlreadyExists","details":{"name":"sample-ns","kind":"namespaces"},"code":409}
        """
    static let conflict = """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
         "message":"Operation cannot be fulfilled on namespaces \\"sample-ns\\": the object has been modified; please apply your changes to the latest version and try again",
         "reason":"Conflict","details":{"name":"sample-ns","kind":"namespaces"},"code":409}
        """

    func error(_ code: Int, _ body: String, method: HTTPMethod = .post, attempts: Int = 1) -> KubeAPIError {
        KubeAPIError(
            method: method, path: "/api/v1/namespaces/sample-ns/configmaps",
            failure: .from(status: code, body: Data(body.utf8)), attempts: attempts)
    }

    @Test func invalidStatusDecodesWithCauses() throws {
        let failure = error(422, Self.invalidConfigMap)
        guard case .status(let code, let status) = failure.failure else {
            Issue.record("expected a Status, got \(failure.failure)")
            return
        }
        #expect(code == 422)
        #expect(status.reason == .invalid)
        #expect(status.details?.name == "Bad_Name")
        #expect(status.details?.kind == "ConfigMap")
        let cause = try #require(status.details?.causes?.first)
        #expect(cause.field == "metadata.name")
        #expect(cause.reason == "FieldValueInvalid")
        #expect(
            failure.description.hasPrefix(
                "POST /api/v1/namespaces/sample-ns/configmaps: 422 Invalid: ConfigMap \"Bad_Name\" is invalid"))
        #expect(failure.description.hasSuffix("[metadata.name: FieldValueInvalid]"))
    }

    @Test func conflictsAreTellApartFromAlreadyExists() {
        let exists = error(409, Self.alreadyExists)
        let conflict = error(409, Self.conflict, method: .put)
        #expect(exists.isAlreadyExists && !exists.isConflict)
        #expect(conflict.isConflict && !conflict.isAlreadyExists)
        #expect(exists.reason == .alreadyExists)
        #expect(conflict.description.contains("409 Conflict: Operation cannot be fulfilled"))
    }

    @Test func notFound() {
        let body = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"namespaces \\"does-not-exist\\" not found",
             "reason":"NotFound","details":{"name":"does-not-exist","kind":"namespaces"},"code":404}
            """
        let failure = error(404, body, method: .get)
        #expect(failure.isNotFound)
        #expect(failure.code == 404)
        #expect(
            failure.description
                == "GET /api/v1/namespaces/sample-ns/configmaps: 404 NotFound: namespaces \"does-not-exist\" not found")
    }

    @Test func bodiesThatAreNotStatusAreQuotedShort() {
        let html = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + String(repeating: "x", count: 1000)
        let failure = error(502, html, method: .get, attempts: 3)
        guard case .unexpectedBody(let code, let text) = failure.failure else {
            Issue.record("expected a non-Status body, got \(failure.failure)")
            return
        }
        #expect(code == 502)
        #expect(text.hasPrefix("<html> <head><title>502 Bad Gateway</title></head>"))
        #expect(text.count <= 301)
        #expect(failure.description.hasSuffix("(after 3 attempts)"))
        #expect(failure.reason == nil)
    }

    @Test func emptyAndNonObjectBodies() {
        #expect(error(503, "").description.contains("HTTP 503 with an empty body"))
        #expect(error(500, "[1,2]").description.contains("HTTP 500: [1,2]"))
    }

    @Test func transportFailuresSayWhereTheyWent() {
        let failure = KubeAPIError(
            method: .get, path: "/api",
            failure: .transport(TransportError(kind: .connectFailed, server: "https://127.0.0.1:1", detail: "refused")),
            attempts: 5)
        #expect(failure.code == nil)
        #expect(failure.description == "GET /api: cannot connect (https://127.0.0.1:1): refused (after 5 attempts)")
    }
}
