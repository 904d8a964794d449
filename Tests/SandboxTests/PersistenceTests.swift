import Foundation
import JSON
import Sandbox
import Testing

/// A sandbox with a state directory keeps its objects across restarts.
@Suite struct PersistenceTests {
    @Test func restartKeepsObjectsAndResourceVersions() async throws {
        try await TestSandbox.withTemporaryDirectory { directory in
            let configuration = TestSandbox.configuration(stateDirectory: directory)
            var before: JSONValue = nil
            try await TestSandbox.with(configuration) { _, client in
                _ = try await client.post("/api/v1/namespaces", namespace("kept"))
                before = try await client.post("/api/v1/namespaces/kept/configmaps", configMap("c")).json
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(files == ["state.json"])
            try await TestSandbox.with(configuration) { _, client in
                let after = try await client.get("/api/v1/namespaces/kept/configmaps/c")
                #expect(after.json == before)
                let next = try await client.post("/api/v1/namespaces/kept/configmaps", configMap("d"))
                #expect(
                    Int(next.json[path: "metadata.resourceVersion"]?.stringValue ?? "") ?? 0
                        > Int(before[path: "metadata.resourceVersion"]?.stringValue ?? "") ?? 0)
            }
        }
    }

    @Test func terminatingNamespaceIsFinishedAfterRestart() async throws {
        try await TestSandbox.withTemporaryDirectory { directory in
            var configuration = TestSandbox.configuration(stateDirectory: directory)
            configuration.controllerTimings.namespaceDeletion = .seconds(60)
            try await TestSandbox.with(configuration) { _, client in
                _ = try await client.post("/api/v1/namespaces", namespace("doomed"))
                #expect(try await client.delete("/api/v1/namespaces/doomed").status == 200)
            }
            configuration.controllerTimings = .fast
            try await TestSandbox.with(configuration) { _, client in
                #expect(await eventually { try await client.get("/api/v1/namespaces/doomed").status == 404 })
            }
        }
    }
}
