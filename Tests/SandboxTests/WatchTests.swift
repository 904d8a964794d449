import Foundation
import JSON
import Sandbox
import Testing

/// `?watch=true`: a stream of JSON lines, ended by `timeoutSeconds`.
@Suite struct WatchTests {
    @Test func watchStreamsCurrentObjectsThenChanges() async throws {
        try await TestSandbox.with { server, client in
            _ = try await client.post("/api/v1/namespaces", namespace("w"))
            _ = try await client.post("/api/v1/namespaces/w/configmaps", configMap("before", labels: ["watch": "me"]))
            let streams = await server.store.eventStreamCount
            // The watch stays open for 8 s: long enough for the three writes below even on a loaded machine.
            let watch = Task {
                try await lines(
                    client, "/api/v1/namespaces/w/configmaps?watch=true&timeoutSeconds=8&labelSelector=watch%3Dme")
            }
            // The writes come once the watch is open (it has listed what is there).
            #expect(await eventually(timeout: .seconds(8)) { await server.store.eventStreamCount > streams })
            _ = try await client.post("/api/v1/namespaces/w/configmaps", configMap("after", labels: ["watch": "me"]))
            _ = try await client.post("/api/v1/namespaces/w/configmaps", configMap("unlabelled"))
            _ = try await client.delete("/api/v1/namespaces/w/configmaps/before")
            let events = try await watch.value.map {
                "\($0["type"]?.stringValue ?? "") \($0[path: "object.metadata.name"]?.stringValue ?? "")"
            }
            #expect(events == ["ADDED before", "ADDED after", "DELETED before"])
        }
    }

    @Test func watchFromAResourceVersionReplaysLaterChanges() async throws {
        try await TestSandbox.with { _, client in
            let list = try await client.get("/api/v1/namespaces")
            let version = try #require(list.json[path: "metadata.resourceVersion"]?.stringValue)
            _ = try await client.post("/api/v1/namespaces", namespace("late"))
            let events = try await lines(
                client, "/api/v1/namespaces?watch=1&timeoutSeconds=1&resourceVersion=\(version)")
            #expect(events.first?["type"] == "ADDED")
            #expect(events.first?[path: "object.metadata.name"] == "late")
        }
    }

    private func lines(_ client: TestClient, _ path: String) async throws -> [JSONValue] {
        let data = try await client.get(path).data
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }
}
