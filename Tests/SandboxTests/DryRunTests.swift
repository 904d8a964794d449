import JSON
import Sandbox
import Testing

/// `dryRun=All` answers with the would-be object and stores nothing.
@Suite struct DryRunTests {
    @Test func dryRunCreateMatchesTheSampleAndStoresNothing() async throws {
        try await TestSandbox.with { server, client in
            _ = try await client.post("/api/v1/namespaces", namespace("sample-ns"))
            let answer = try await client.send(
                "POST", "/api/v1/namespaces/sample-ns/configmaps?dryRun=All", json: configMap("dry"))
            #expect(answer.status == 201)
            #expect(answer.json[path: "metadata.uid"] != nil)
            #expect(answer.json[path: "metadata.creationTimestamp"] != nil)
            #expect(answer.json[path: "metadata.resourceVersion"] == nil)
            #expect(answer.json[path: "metadata.namespace"] == "sample-ns")
            #expect(answer.json["data"] == ["a": "b"])
            let type = try #require(server.store.catalog.type(group: "", version: "v1", plural: "configmaps"))
            #expect(await server.store.object(type, namespace: "sample-ns", name: "dry") == nil)
            #expect(try await client.get("/api/v1/namespaces/sample-ns/configmaps/dry").status == 404)
        }
    }

    @Test func dryRunUpdatePatchAndDeleteChangeNothing() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("dry"))
            let created = try await client.post("/api/v1/namespaces/dry/configmaps", configMap("c"))
            var changed = created.json
            changed["data"] = ["a": "changed"]
            let put = try await client.send("PUT", "/api/v1/namespaces/dry/configmaps/c?dryRun=All", json: changed)
            #expect(put.json[path: "data.a"] == "changed")
            let patch = try await client.send(
                "PATCH", "/api/v1/namespaces/dry/configmaps/c?dryRun=All", json: ["data": ["x": "y"]],
                contentType: "application/merge-patch+json")
            #expect(patch.json[path: "data.x"] == "y")
            let delete = try await client.send("DELETE", "/api/v1/namespaces/dry/configmaps/c?dryRun=All")
            #expect(delete.status == 200)
            let stored = try await client.get("/api/v1/namespaces/dry/configmaps/c")
            #expect(stored.json == created.json)
            let bad = try await client.send(
                "POST", "/api/v1/namespaces/dry/configmaps?dryRun=Some", json: configMap("d"))
            #expect(bad.status == 400)
        }
    }
}
