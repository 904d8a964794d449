import JSON
import Testing

@testable import Sandbox

/// Merge, strategic-merge and JSON patches, over HTTP and as pure functions.
@Suite struct PatchTests {
    @Test func mergePatchMatchesTheSample() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("sample-ns"))
            #expect(
                await eventually {
                    try await client.get("/api/v1/namespaces/sample-ns/serviceaccounts/default").status == 200
                })
            let before = try await client.get("/api/v1/namespaces/sample-ns/serviceaccounts/default")
            let answer = try await client.patch(
                "/api/v1/namespaces/sample-ns/serviceaccounts/default", ["automountServiceAccountToken": false])
            #expect(answer.status == 200)
            #expect(answer.json["automountServiceAccountToken"] == false)
            #expect(answer.json[path: "metadata.uid"] == before.json[path: "metadata.uid"])
            #expect(
                Int(answer.json[path: "metadata.resourceVersion"]?.stringValue ?? "") ?? 0
                    > Int(before.json[path: "metadata.resourceVersion"]?.stringValue ?? "") ?? 0)
        }
    }

    @Test func mergePatchDeletesWithNullAndConflictsOnStaleVersion() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("p"))
            _ = try await client.post("/api/v1/namespaces/p/configmaps", configMap("c", data: ["a": "1", "b": "2"]))
            let patched = try await client.patch("/api/v1/namespaces/p/configmaps/c", ["data": ["a": nil, "c": "3"]])
            #expect(patched.json["data"] == ["b": "2", "c": "3"])
            let stale = try await client.patch(
                "/api/v1/namespaces/p/configmaps/c", ["metadata": ["resourceVersion": "1"], "data": ["d": "4"]])
            #expect(stale.status == 409)
            let missing = try await client.patch("/api/v1/namespaces/p/configmaps/none", ["data": ["a": "1"]])
            #expect(missing.status == 404)
            let forced = try await client.send(
                "PATCH", "/api/v1/namespaces/p/configmaps/c?force=true", json: ["data": ["e": "5"]],
                contentType: "application/merge-patch+json")
            #expect(forced.status == 422)
        }
    }

    @Test func strategicMergePatchMergesContainersByName() {
        let live: JSONValue = [
            "spec": [
                "containers": [
                    ["name": "app", "image": "app:1", "env": [["name": "A", "value": "1"]]],
                    ["name": "sidecar", "image": "proxy:1"],
                ],
                "tolerations": [["key": "a"]],
            ],
            "metadata": ["finalizers": ["x"]],
        ]
        let patch: JSONValue = [
            "spec": [
                "$setElementOrder/containers": [["name": "sidecar"], ["name": "app"]],
                "containers": [
                    ["name": "app", "image": "app:2", "env": [["name": "B", "value": "2"]]],
                    ["name": "sidecar", "$patch": "delete"],
                ],
                "tolerations": [["key": "b"]],
            ],
            "metadata": ["finalizers": ["y"]],
        ]
        let result = StrategicMergePatch.apply(patch, to: live)
        #expect(
            result[path: "spec.containers"]
                == [
                    [
                        "name": "app", "image": "app:2",
                        "env": [["name": "A", "value": "1"], ["name": "B", "value": "2"]],
                    ]
                ])
        #expect(result[path: "spec.tolerations"] == [["key": "b"]])
        #expect(result[path: "metadata.finalizers"] == ["x", "y"])
    }

    @Test func strategicMergePatchDirectives() {
        let live: JSONValue = ["spec": ["a": 1, "b": 2, "list": ["x", "y", "z"]], "data": ["k": "v"]]
        let patch: JSONValue = [
            "spec": ["$retainKeys": ["a", "c"], "c": 3, "$deleteFromPrimitiveList/list": ["y"]],
            "data": ["$patch": "replace", "n": "m"],
        ]
        let result = StrategicMergePatch.apply(patch, to: live)
        #expect(result["spec"] == ["a": 1, "c": 3])
        #expect(result["data"] == ["n": "m"])
    }

    @Test func strategicMergePatchOverHTTP() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("smp"))
            _ = try await client.post("/api/v1/namespaces/smp/configmaps", configMap("c", data: ["a": "1"]))
            let answer = try await client.patch(
                "/api/v1/namespaces/smp/configmaps/c", ["data": ["b": "2"]],
                type: "application/strategic-merge-patch+json")
            #expect(answer.json["data"] == ["a": "1", "b": "2"])
        }
    }

    @Test func jsonPatchWithTest() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("jp"))
            let created = try await client.post("/api/v1/namespaces/jp/configmaps", configMap("c", data: ["a": "1"]))
            let version = created.json[path: "metadata.resourceVersion"] ?? nil
            let ok = try await client.patch(
                "/api/v1/namespaces/jp/configmaps/c",
                [
                    ["op": "test", "path": "/metadata/resourceVersion", "value": version],
                    ["op": "add", "path": "/data/b", "value": "2"], ["op": "remove", "path": "/data/a"],
                ], type: "application/json-patch+json")
            #expect(ok.status == 200)
            #expect(ok.json["data"] == ["b": "2"])
            let failed = try await client.patch(
                "/api/v1/namespaces/jp/configmaps/c",
                [["op": "test", "path": "/metadata/resourceVersion", "value": version]],
                type: "application/json-patch+json")
            #expect(failed.status == 422)
        }
    }
}
