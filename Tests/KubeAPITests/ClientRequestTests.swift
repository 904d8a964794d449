import Foundation
import HTTP
import KubeAPI
import JSON
import TestSupport
import Testing

/// What the client puts on the wire for each operation, checked against an in-memory transport.
@Suite struct ClientRequestTests {
    let transport = RecordingTransport { request, _ in
        .json(request.method == .post ? 201 : 200, ["kind": "Thing", "metadata": ["name": "x"]])
    }

    func client(namespace: String = "default") -> KubeClient {
        .inMemory(transport, authentication: Authentication(token: Redacted("t0ken")), namespace: namespace)
    }

    func lastRequest() throws -> HTTPRequest { try #require(transport.requests.last) }

    func bodyJSON(_ request: HTTPRequest) throws -> JSONValue { try JSONValue.parse(try #require(request.body)) }

    @Test func getSendsTheTokenAndAcceptsJSON() async throws {
        _ = try await client().get(ObjectReference(apiVersion: "v1", kind: "Namespace", name: "acme"))
        let request = try lastRequest()
        #expect(request.method == .get)
        #expect(request.url.absoluteString == "https://kube.test:6443/api/v1/namespaces/acme")
        #expect(request.authorization?.revealed == "Bearer t0ken")
        #expect(request.header("Accept") == "application/json")
    }

    @Test func namespacedKindsDefaultToTheContextNamespace() async throws {
        _ = try await client(namespace: "team-a").get(
            ObjectReference(apiVersion: "v1", kind: "ServiceAccount", name: "default"))
        #expect(try lastRequest().url.path == "/api/v1/namespaces/team-a/serviceaccounts/default")
    }

    @Test func createPostsToTheObjectsNamespace() async throws {
        let object: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "dry", "namespace": "sample-ns"],
            "data": ["a": "b"],
        ]
        _ = try await client().create(object, dryRun: true)
        let request = try lastRequest()
        #expect(request.method == .post)
        #expect(
            request.url.absoluteString == "https://kube.test:6443/api/v1/namespaces/sample-ns/configmaps?dryRun=All")
        #expect(request.header("Content-Type") == "application/json")
        #expect(try bodyJSON(request) == object)
    }

    @Test func mergePatch() async throws {
        let reference = ObjectReference(
            apiVersion: "v1", kind: "ServiceAccount", name: "default", namespace: "sample-ns")
        _ = try await client().mergePatch(reference, patch: ["automountServiceAccountToken": false])
        let request = try lastRequest()
        #expect(request.method == .patch)
        #expect(request.url.path == "/api/v1/namespaces/sample-ns/serviceaccounts/default")
        #expect(request.header("Content-Type") == "application/merge-patch+json")
        #expect(try bodyJSON(request) == ["automountServiceAccountToken": false])
    }

    @Test func serverSideApply() async throws {
        let quota: JSONValue = [
            "apiVersion": "v1", "kind": "ResourceQuota", "metadata": ["name": "q", "namespace": "sample-ns"],
            "spec": ["hard": ["pods": "10"]],
        ]
        _ = try await client().apply(quota, force: true)
        let request = try lastRequest()
        #expect(request.method == .patch)
        #expect(
            request.url.absoluteString
                == "https://kube.test:6443/api/v1/namespaces/sample-ns/resourcequotas/q?fieldManager=tenantctl&force=true"
        )
        #expect(request.header("Content-Type") == "application/apply-patch+yaml")
        #expect(try bodyJSON(request) == quota)
        _ = try await client().apply(quota, dryRun: true)
        #expect(try lastRequest().url.query == "fieldManager=tenantctl&dryRun=All")
    }

    @Test func deleteWithPropagationAndAResourceVersionPrecondition() async throws {
        let reference = ObjectReference(apiVersion: "v1", kind: "Namespace", name: "acme")
        try await client().delete(reference, propagation: .foreground, resourceVersion: "42", dryRun: true)
        let request = try lastRequest()
        #expect(request.method == .delete)
        #expect(request.url.absoluteString == "https://kube.test:6443/api/v1/namespaces/acme?dryRun=All")
        #expect(request.header("Content-Type") == "application/json")
        #expect(
            try bodyJSON(request) == [
                "apiVersion": "v1", "kind": "DeleteOptions", "propagationPolicy": "Foreground",
                "preconditions": ["resourceVersion": "42"],
            ])
    }

    @Test func deleteWithAUIDPrecondition() async throws {
        let reference = ObjectReference(apiVersion: "v1", kind: "ConfigMap", name: "c", namespace: "acme")
        try await client().delete(reference, uid: "0f1e")
        #expect(try bodyJSON(lastRequest())["preconditions"] == ["uid": "0f1e"])
    }

    @Test func objectsWithoutANameAreRefused() async throws {
        await #expect(throws: ObjectShapeError(missing: "metadata.name")) {
            try await client().create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": [:]])
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func getIfPresentTurns404IntoNil() async throws {
        let missing = RecordingTransport { _, _ in
            .status(404, reason: "NotFound", message: "namespaces \"x\" not found")
        }
        let object = try await KubeClient.inMemory(missing).getIfPresent(
            ObjectReference(apiVersion: "v1", kind: "Namespace", name: "x"))
        #expect(object == nil)
    }
}
