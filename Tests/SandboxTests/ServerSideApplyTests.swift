import JSON
import Sandbox
import Testing

/// Server-side apply (`application/apply-patch+yaml` with a JSON body).
@Suite struct ServerSideApplyTests {
    static let applyType = "application/apply-patch+yaml"
    let quota: JSONValue = [
        "apiVersion": "v1", "kind": "ResourceQuota",
        "metadata": ["name": "q", "labels": ["app.kubernetes.io/managed-by": "tenantctl"]],
        "spec": ["hard": ["requests.cpu": "2", "pods": "10", "count/deployments.apps": "5"]],
    ]

    @Test func applyCreatesWithManagedFieldsLikeTheSample() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("sample-ns"))
            let answer = try await client.patch(
                "/api/v1/namespaces/sample-ns/resourcequotas/q?fieldManager=tenantctl&force=true", quota,
                type: Self.applyType)
            #expect(answer.status == 201)
            #expect(answer.json["spec"] == quota["spec"])
            #expect(answer.json["status"] == [:])
            let entries = try #require(answer.json[path: "metadata.managedFields"]?.arrayValue)
            #expect(entries.count == 1)
            #expect(entries[0]["manager"] == "tenantctl")
            #expect(entries[0]["operation"] == "Apply")
            #expect(entries[0]["apiVersion"] == "v1")
            #expect(entries[0]["fieldsType"] == "FieldsV1")
            #expect(
                entries[0]["fieldsV1"]
                    == [
                        "f:metadata": ["f:labels": ["f:app.kubernetes.io/managed-by": [:]]],
                        "f:spec": ["f:hard": ["f:count/deployments.apps": [:], "f:pods": [:], "f:requests.cpu": [:]]],
                    ])
        }
    }

    @Test func reapplyMergesRemovesDroppedFieldsAndIsIdempotent() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("ssa"))
            let path = "/api/v1/namespaces/ssa/configmaps/c?fieldManager=tenantctl"
            let first = try await client.patch(path, configMap("c", data: ["a": "1", "b": "2"]), type: Self.applyType)
            #expect(first.status == 201)
            let other = try await client.patch(
                "/api/v1/namespaces/ssa/configmaps/c", ["data": ["z": "other"]])
            let second = try await client.patch(path, configMap("c", data: ["a": "1"]), type: Self.applyType)
            #expect(second.status == 200)
            #expect(second.json["data"] == ["a": "1", "z": "other"])
            let third = try await client.patch(path, configMap("c", data: ["a": "1"]), type: Self.applyType)
            #expect(third.json[path: "metadata.resourceVersion"] == second.json[path: "metadata.resourceVersion"])
            #expect(other.status == 200)
        }
    }

    @Test func applyConflictsWithAnotherManagerUnlessForced() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("ssa"))
            _ = try await client.send(
                "POST", "/api/v1/namespaces/ssa/configmaps?fieldManager=kubectl-client-side-apply",
                json: configMap("c", data: ["key": "one"]))
            let conflicting = configMap("c", data: ["key": "two"])
            let refused = try await client.patch(
                "/api/v1/namespaces/ssa/configmaps/c?fieldManager=tenantctl", conflicting, type: Self.applyType)
            #expect(refused.status == 409)
            #expect(
                refused.json["message"]
                    == "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .data.key")
            #expect(
                refused.json[path: "details.causes"]
                    == [
                        [
                            "reason": "FieldManagerConflict",
                            "message": "conflict with \"kubectl-client-side-apply\" using v1", "field": ".data.key",
                        ]
                    ])
            let forced = try await client.patch(
                "/api/v1/namespaces/ssa/configmaps/c?fieldManager=tenantctl&force=true", conflicting,
                type: Self.applyType)
            #expect(forced.status == 200)
            #expect(forced.json[path: "data.key"] == "two")
            let owners = forced.json[path: "metadata.managedFields"]?.arrayValue?.filter {
                $0.value(at: ["fieldsV1", "f:data", "f:key"]) != nil
            }
            #expect(owners?.compactMap { $0["manager"]?.stringValue } == ["tenantctl"])
        }
    }

    @Test func applyNeedsAFieldManagerAndTakesYAMLAsTheRealServerDoes() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("ssa"))
            let anonymous = try await client.patch(
                "/api/v1/namespaces/ssa/configmaps/c", configMap("c"), type: Self.applyType)
            #expect(anonymous.status == 422)
            #expect(
                anonymous.json["message"]
                    == "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"
            )
            // YAML, the documented form of apply-patch+yaml that clients other than kubectl send: created (201).
            let yaml = try await client.send(
                "PATCH", "/api/v1/namespaces/ssa/configmaps/c?fieldManager=t", contentType: Self.applyType,
                rawBody: .init("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n".utf8))
            #expect(yaml.status == 201, "\(yaml.json)")
            #expect(yaml.json["data"]?["k"] == "v")
            let broken = try await client.send(
                "PATCH", "/api/v1/namespaces/ssa/configmaps/c?fieldManager=t", contentType: Self.applyType,
                rawBody: .init("apiVersion: v1\nkind: [unclosed\n".utf8))
            #expect(broken.status == 400)
        }
    }
}
