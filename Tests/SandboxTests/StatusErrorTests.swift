import Foundation
import JSON
import Sandbox
import Testing

/// Every error the sandbox answers, compared with the bodies captured from a real kube-apiserver v1.28
/// (shared/reference/kube-api-samples).
@Suite struct StatusErrorTests {
    @Test func notFoundMatchesTheSample() async throws {
        try await TestSandbox.with { _, client in
            let answer = try await client.get("/api/v1/namespaces/does-not-exist")
            #expect(answer.status == 404)
            #expect(
                answer.json
                    == [
                        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                        "message": "namespaces \"does-not-exist\" not found", "reason": "NotFound",
                        "details": ["name": "does-not-exist", "kind": "namespaces"], "code": 404,
                    ])
        }
    }

    @Test func alreadyExistsMatchesTheSample() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("sample-ns"))
            let answer = try await client.post("/api/v1/namespaces", namespace("sample-ns"))
            #expect(answer.status == 409)
            #expect(
                answer.json
                    == [
                        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                        "message": "namespaces \"sample-ns\" already exists", "reason": "AlreadyExists",
                        "details": ["name": "sample-ns", "kind": "namespaces"], "code": 409,
                    ])
        }
    }

    @Test func staleResourceVersionIsAConflict() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("sample-ns"))
            let answer = try await client.put(
                "/api/v1/namespaces/sample-ns",
                ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "sample-ns", "resourceVersion": "1"]])
            #expect(answer.status == 409)
            #expect(
                answer.json
                    == [
                        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                        "message": .string(
                            "Operation cannot be fulfilled on namespaces \"sample-ns\": the object has been "
                                + "modified; please apply your changes to the latest version and try again"),
                        "reason": "Conflict", "details": ["name": "sample-ns", "kind": "namespaces"], "code": 409,
                    ])
        }
    }

    @Test func currentResourceVersionUpdates() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("rv"))
            let created = try await client.post("/api/v1/namespaces/rv/configmaps", configMap("c"))
            var update = created.json
            update["data"] = ["a": "changed"]
            let first = try await client.put("/api/v1/namespaces/rv/configmaps/c", update)
            #expect(first.status == 200)
            let second = try await client.put("/api/v1/namespaces/rv/configmaps/c", update)
            #expect(second.status == 409)
            #expect(second.json["reason"] == "Conflict")
        }
    }

    @Test func invalidNameMatchesTheSample() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("sample-ns"))
            let answer = try await client.post(
                "/api/v1/namespaces/sample-ns/configmaps",
                ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "Bad_Name"]])
            let message =
                "Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
                + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
            #expect(answer.status == 422)
            #expect(
                answer.json
                    == [
                        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                        "message": .string("ConfigMap \"Bad_Name\" is invalid: metadata.name: " + message),
                        "reason": "Invalid",
                        "details": [
                            "name": "Bad_Name", "kind": "ConfigMap",
                            "causes": [
                                ["reason": "FieldValueInvalid", "message": .string(message), "field": "metadata.name"]
                            ],
                        ],
                        "code": 422,
                    ])
        }
    }

    @Test func namespaceNamesAreLabels() async throws {
        try await TestSandbox.with { _, client in
            let answer = try await client.post("/api/v1/namespaces", namespace("a.b"))
            #expect(answer.status == 422)
            #expect(answer.json["message"]?.stringValue?.contains("RFC 1123 label") == true)
        }
    }

    @Test func kindNotServedByTheURLIsInvalid() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("kinds"))
            let answer = try await client.post(
                "/api/v1/namespaces/kinds/configmaps",
                ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"]])
            #expect(answer.status == 422)
            #expect(answer.json["reason"] == "Invalid")
            #expect(answer.json[path: "details.causes"]?.arrayValue?.first?["field"] == "kind")
        }
    }

    @Test func apiVersionNotServedByTheURLIsABadRequest() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("versions"))
            let answer = try await client.post(
                "/api/v1/namespaces/versions/configmaps",
                ["apiVersion": "apps/v1", "kind": "ConfigMap", "metadata": ["name": "c"]])
            #expect(answer.status == 400)
            #expect(
                answer.json["message"]
                    == "the API version in the data (apps/v1) does not match the expected API version (v1)")
        }
    }

    @Test func createInAMissingNamespaceIsNotFound() async throws {
        try await TestSandbox.with { _, client in
            let answer = try await client.post("/api/v1/namespaces/ghost/configmaps", configMap("c"))
            #expect(answer.status == 404)
            #expect(answer.json["message"] == "namespaces \"ghost\" not found")
            #expect(answer.json["details"] == ["name": "ghost", "kind": "namespaces"])
        }
    }

    @Test func unknownResourcesAndNonJSONBodies() async throws {
        try await TestSandbox.with { _, client in
            let unknown = try await client.get("/apis/example.com/v1/widgets")
            #expect(unknown.status == 404)
            #expect(unknown.json["message"] == "the server could not find the requested resource")
            let protobuf = try await client.send(
                "POST", "/api/v1/namespaces", contentType: "application/vnd.kubernetes.protobuf",
                rawBody: Data([0x6b, 0x38, 0x73, 0x00]))
            #expect(protobuf.status == 415)
            let broken = try await client.send("POST", "/api/v1/namespaces", rawBody: Data("{".utf8))
            #expect(broken.status == 400)
            #expect(broken.json["reason"] == "BadRequest")
        }
    }
}
