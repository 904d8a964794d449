import Foundation
import JSON
import Sandbox
import Testing

/// A sandbox with a state directory keeps its objects across restarts: a snapshot and a log of the changes since,
/// which a write appends to (its cost is what it changed, not the whole store, as with etcd) and which is folded
/// into a new snapshot once it outgrows the store.
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
            #expect(files == ["state.log"], "the first writes only append")
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

    @Test func aDeletionAndTheLatestUpdateSurviveARestart() async throws {
        try await TestSandbox.withTemporaryDirectory { directory in
            let configuration = TestSandbox.configuration(stateDirectory: directory)
            try await TestSandbox.with(configuration) { _, client in
                _ = try await client.post("/api/v1/namespaces", namespace("kept"))
                _ = try await client.post("/api/v1/namespaces/kept/configmaps", configMap("gone"))
                _ = try await client.post("/api/v1/namespaces/kept/configmaps", configMap("c"))
                _ = try await client.put("/api/v1/namespaces/kept/configmaps/c", configMap("c", data: ["a": "new"]))
                #expect(try await client.delete("/api/v1/namespaces/kept/configmaps/gone").status == 200)
            }
            try await TestSandbox.with(configuration) { _, client in
                let gone = try await client.get("/api/v1/namespaces/kept/configmaps/gone")
                let updated = try await client.get("/api/v1/namespaces/kept/configmaps/c")
                #expect(gone.status == 404)
                #expect(updated.json[path: "data.a"] == "new")
            }
        }
    }

    /// A crash while a change was appended leaves its line cut short: the changes before it are all kept.
    @Test func aLineCutShortByACrashIsLeftOut() async throws {
        try await TestSandbox.withTemporaryDirectory { directory in
            let configuration = TestSandbox.configuration(stateDirectory: directory)
            try await TestSandbox.with(configuration) { _, client in
                _ = try await client.post("/api/v1/namespaces", namespace("kept"))
                _ = try await client.post("/api/v1/namespaces/kept/configmaps", configMap("c"))
            }
            let log = try FileHandle(forWritingTo: directory.appendingPathComponent("state.log"))
            try log.seekToEnd()
            try log.write(contentsOf: Data(#"{"resourceVersion": 99, "group": "", "resource": "configm"#.utf8))
            try log.close()
            try await TestSandbox.with(configuration) { _, client in
                #expect(try await client.get("/api/v1/namespaces/kept/configmaps/c").status == 200)
                let next = try await client.post("/api/v1/namespaces/kept/configmaps", configMap("d"))
                #expect(next.status == 201)
            }
            try await TestSandbox.with(configuration) { _, client in
                let written = try await client.get("/api/v1/namespaces/kept/configmaps/d")
                #expect(written.status == 200)
            }
        }
    }

    /// Many changes to a few objects fold the log into a snapshot, so neither grows with the number of writes.
    @Test func aLogThatOutgrowsTheStoreBecomesASnapshot() async throws {
        try await TestSandbox.withTemporaryDirectory { directory in
            let configuration = TestSandbox.configuration(stateDirectory: directory)
            try await TestSandbox.with(configuration) { _, client in
                _ = try await client.post("/api/v1/namespaces", namespace("kept"))
                _ = try await client.post("/api/v1/namespaces/kept/configmaps", configMap("c"))
                for round in 1...600 {
                    let answer = try await client.put(
                        "/api/v1/namespaces/kept/configmaps/c", configMap("c", data: ["round": .string("\(round)")]))
                    #expect(answer.status == 200)
                }
            }
            let log = try String(contentsOf: directory.appendingPathComponent("state.log"), encoding: .utf8)
            let lines = log.split(separator: "\n").count
            #expect(lines < 300, "the log was folded into the snapshot: \(lines) lines left")
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("state.json").path))
            try await TestSandbox.with(configuration) { _, client in
                let latest = try await client.get("/api/v1/namespaces/kept/configmaps/c")
                #expect(latest.json[path: "data.round"] == "600")
            }
        }
    }
}
