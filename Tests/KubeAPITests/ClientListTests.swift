import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

@Suite struct ClientListTests {
    @Test func listsWithALabelSelectorAcrossPages() async throws {
        let transport = RecordingTransport { request, index in
            let first = index == 0
            return .json(
                200,
                [
                    "kind": "NamespaceList", "apiVersion": "v1",
                    "metadata": ["resourceVersion": first ? "122928" : "122990", "continue": first ? "page-2" : ""],
                    "items": [["metadata": ["name": first ? "sample-a" : "sample-b"]]],
                ])
        }
        let list = try await KubeClient.inMemory(transport)
            .list(apiVersion: "v1", kind: "Namespace", labelSelector: "tenantctl.io/tenant=sample")
        #expect(list.resourceVersion == "122928")
        #expect(list.items.map { $0.value(at: ["metadata", "name"]) } == ["sample-a", "sample-b"])
        #expect(list.items.allSatisfy { $0["apiVersion"] == "v1" && $0["kind"] == "Namespace" })
        let queries = transport.requests.map { $0.url.query }
        #expect(
            queries == [
                "limit=500&labelSelector=tenantctl.io%2Ftenant%3Dsample",
                "limit=500&labelSelector=tenantctl.io%2Ftenant%3Dsample&continue=page-2",
            ])
        #expect(transport.requests.allSatisfy { $0.url.path == "/api/v1/namespaces" })
    }

    @Test func listsInOneNamespaceOrAll() async throws {
        let transport = RecordingTransport { _, _ in .json(200, ["metadata": ["resourceVersion": "7"], "items": []]) }
        let client = KubeClient.inMemory(transport)
        let inNamespace = try await client.list(
            apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", namespace: "acme")
        _ = try await client.list(apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding")
        #expect(inNamespace == ObjectList(items: [], resourceVersion: "7"))
        #expect(
            transport.requests.map(\.url.path) == [
                "/apis/rbac.authorization.k8s.io/v1/namespaces/acme/rolebindings",
                "/apis/rbac.authorization.k8s.io/v1/rolebindings",
            ])
    }
}
