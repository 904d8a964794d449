import Foundation
import JSON
import Sandbox
import Testing

/// Create, read, list, replace and delete, with the status codes and bodies of the real server.
@Suite struct CRUDTests {
    @Test func createStampsMetadataLikeTheRealServer() async throws {
        try await TestSandbox.with { _, client in
            let created = try await client.post(
                "/api/v1/namespaces", namespace("sample-ns", labels: ["tenantctl.io/tenant": "sample"]))
            #expect(created.status == 201)
            let object = created.json
            #expect(object["kind"] == "Namespace")
            #expect(object["apiVersion"] == "v1")
            #expect(object[path: "metadata.uid"]?.stringValue?.count == 36)
            #expect(Int(object[path: "metadata.resourceVersion"]?.stringValue ?? "") != nil)
            #expect(object[path: "metadata.creationTimestamp"]?.stringValue?.hasSuffix("Z") == true)
            #expect(
                object[path: "metadata.labels"]
                    == ["kubernetes.io/metadata.name": "sample-ns", "tenantctl.io/tenant": "sample"])
            #expect(object[path: "spec.finalizers"] == ["kubernetes"])
            #expect(object[path: "status.phase"] == "Active")
            let entry = try #require(object[path: "metadata.managedFields"]?.arrayValue?.first)
            #expect(entry["manager"] == "sandbox-tests")
            #expect(entry["operation"] == "Update")
            #expect(
                entry["fieldsV1"]
                    == [
                        "f:metadata": [
                            "f:labels": [".": [:], "f:kubernetes.io/metadata.name": [:], "f:tenantctl.io/tenant": [:]]
                        ]
                    ])
            #expect(object[path: "metadata.generation"] == nil)
        }
    }

    @Test func getListReplaceDelete() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("crud"))
            let created = try await client.post("/api/v1/namespaces/crud/configmaps", configMap("settings"))
            #expect(created.status == 201)
            #expect(created.json[path: "metadata.namespace"] == "crud")

            let fetched = try await client.get("/api/v1/namespaces/crud/configmaps/settings")
            #expect(fetched.status == 200)
            #expect(fetched.json == created.json)

            let list = try await client.get("/api/v1/namespaces/crud/configmaps?labelSelector=")
            #expect(list.json["kind"] == "ConfigMapList")
            #expect(list.json[path: "metadata.resourceVersion"]?.stringValue != nil)
            let names = list.json["items"]?.arrayValue?.compactMap { $0[path: "metadata.name"]?.stringValue }
            #expect(names?.contains("settings") == true)
            #expect(list.json["items"]?.arrayValue?.first?["kind"] == nil)

            var changed = fetched.json
            changed["data"] = ["a": "c"]
            let replaced = try await client.put("/api/v1/namespaces/crud/configmaps/settings", changed)
            #expect(replaced.status == 200)
            #expect(replaced.json[path: "data.a"] == "c")
            #expect(replaced.json[path: "metadata.uid"] == created.json[path: "metadata.uid"])
            #expect(replaced.json[path: "metadata.resourceVersion"] != created.json[path: "metadata.resourceVersion"])

            let deleted = try await client.delete("/api/v1/namespaces/crud/configmaps/settings")
            #expect(deleted.status == 200)
            #expect(
                deleted.json == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
                    "details": [
                        "name": "settings", "kind": "configmaps", "uid": created.json[path: "metadata.uid"] ?? nil,
                    ],
                ])
            #expect(try await client.get("/api/v1/namespaces/crud/configmaps/settings").status == 404)
        }
    }

    @Test func unchangedReplaceKeepsTheResourceVersion() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("same"))
            let created = try await client.post("/api/v1/namespaces/same/configmaps", configMap("c"))
            let again = try await client.put("/api/v1/namespaces/same/configmaps/c", created.json)
            #expect(again.status == 200)
            #expect(again.json == created.json)
        }
    }

    @Test func generationFollowsSpecChangesOnly() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("apps"))
            let deployment: JSONValue = [
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
                "spec": ["replicas": 1, "template": ["spec": ["containers": [["name": "web", "image": "nginx"]]]]],
            ]
            let created = try await client.post("/apis/apps/v1/namespaces/apps/deployments", deployment)
            #expect(created.json[path: "metadata.generation"] == 1)
            #expect(created.json["status"] == [:])
            let relabelled = try await client.patch(
                "/apis/apps/v1/namespaces/apps/deployments/web", ["metadata": ["labels": ["a": "b"]]])
            #expect(relabelled.json[path: "metadata.generation"] == 1)
            let scaled = try await client.patch(
                "/apis/apps/v1/namespaces/apps/deployments/web", ["spec": ["replicas": 3]])
            #expect(scaled.json[path: "metadata.generation"] == 2)
        }
    }

    @Test func clusterScopedAndGroupedKinds() async throws {
        try await TestSandbox.with { _, client in
            let role: JSONValue = [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                "metadata": ["name": "tenant:view"],
                "rules": [["apiGroups": [""], "resources": ["pods"], "verbs": ["get"]]],
            ]
            #expect(try await client.post("/apis/rbac.authorization.k8s.io/v1/clusterroles", role).status == 201)
            let missing = try await client.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/none")
            #expect(
                missing.json == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                    "message": "clusterroles.rbac.authorization.k8s.io \"none\" not found", "reason": "NotFound",
                    "details": ["name": "none", "group": "rbac.authorization.k8s.io", "kind": "clusterroles"],
                    "code": 404,
                ])
            let runtimeClass: JSONValue = [
                "apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass", "metadata": ["name": "kata"], "handler": "kata",
            ]
            #expect(try await client.post("/apis/node.k8s.io/v1/runtimeclasses", runtimeClass).status == 201)
            #expect(try await client.get("/api/v1/namespaces/default/runtimeclasses").status == 404)
        }
    }
}
