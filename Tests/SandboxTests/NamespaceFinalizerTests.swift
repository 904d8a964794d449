import Foundation
import JSON
import Sandbox
import Testing

/// A Terminating namespace waits for the finalizers of what it holds, reporting them as a real one does.
@Suite struct NamespaceFinalizerTests {
    static let path = "/api/v1/namespaces/held"
    static let configMapPath = "/api/v1/namespaces/held/configmaps/kept"

    @Test func heldContentKeepsTheNamespaceTerminatingUntilItsFinalizersGo() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("held"))
            _ = try await client.post("\(Self.path)/configmaps", held(configMap("kept"), ["example.com/hold"]))
            _ = try await client.post("\(Self.path)/configmaps", configMap("plain"))
            #expect(try await client.delete(Self.path).status == 200)

            #expect(await eventually(timeout: .seconds(30)) { try await conditions(client)?.count == 5 })
            #expect(
                try await conditions(client)
                    == expectedConditions(
                        resources: "Some resources are remaining: configmaps. has 1 resource instances",
                        finalizers: "Some content in the namespace has finalizers remaining: "
                            + "example.com/hold in 1 resource instances"))
            let namespace = try await client.get(Self.path).json
            #expect(namespace[path: "status.phase"] == "Terminating")
            let listed = namespace[path: "status.conditions"]?.arrayValue ?? []
            #expect(listed.count == 5)
            #expect(listed.allSatisfy { $0["lastTransitionTime"]?.stringValue?.isEmpty == false })
            #expect(try await client.get("\(Self.path)/configmaps/plain").status == 404)
            let kept = try await client.get(Self.configMapPath).json
            #expect(kept[path: "metadata.deletionTimestamp"] != nil)
            #expect(kept[path: "metadata.finalizers"] == ["example.com/hold"])
            #expect(try await client.delete(Self.path).status == 409)

            let released = try await client.patch(Self.configMapPath, ["metadata": ["finalizers": nil]])
            #expect(released.status == 200)
            #expect(await eventually(timeout: .seconds(30)) { try await client.get(Self.path).status == 404 })
            #expect(try await client.get(Self.configMapPath).status == 404)
        }
    }

    @Test func conditionsFollowWhatRemains() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("held"))
            _ = try await client.post("\(Self.path)/configmaps", held(configMap("kept"), ["example.com/hold"]))
            let secret: JSONValue = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"]]
            _ = try await client.post("\(Self.path)/secrets", held(secret, ["example.com/hold", "example.com/other"]))
            _ = try await client.delete(Self.path)
            let both = expectedConditions(
                resources: "Some resources are remaining: configmaps. has 1 resource instances, "
                    + "secrets. has 1 resource instances",
                finalizers: "Some content in the namespace has finalizers remaining: "
                    + "example.com/hold in 2 resource instances, example.com/other in 1 resource instances")
            #expect(await eventually(timeout: .seconds(30)) { try await conditions(client) == both })

            _ = try await client.patch("\(Self.path)/secrets/s", ["metadata": ["finalizers": nil]])
            let one = expectedConditions(
                resources: "Some resources are remaining: configmaps. has 1 resource instances",
                finalizers: "Some content in the namespace has finalizers remaining: "
                    + "example.com/hold in 1 resource instances")
            #expect(await eventually(timeout: .seconds(30)) { try await conditions(client) == one })
            #expect(try await client.get(Self.path).json[path: "status.phase"] == "Terminating")
        }
    }

    @Test func namespaceLeftTerminatingIsFinishedAfterRestartOnceItsContentGoes() async throws {
        try await TestSandbox.withTemporaryDirectory { directory in
            var configuration = TestSandbox.configuration(stateDirectory: directory)
            configuration.controllerTimings.namespaceDeletion = .seconds(60)
            try await TestSandbox.with(configuration) { _, client in
                _ = try await client.post("/api/v1/namespaces", namespace("held"))
                _ = try await client.post("\(Self.path)/configmaps", held(configMap("kept"), ["example.com/hold"]))
                #expect(try await client.delete(Self.path).status == 200)
            }
            configuration.controllerTimings = .fast
            try await TestSandbox.with(configuration) { _, client in
                // The pass replayed at start-up marks the held ConfigMap and reports it; the namespace stays.
                #expect(await eventually(timeout: .seconds(30)) { try await conditions(client)?.count == 5 })
                #expect(try await client.get(Self.path).json[path: "status.phase"] == "Terminating")
                #expect(try await client.get(Self.configMapPath).json[path: "metadata.deletionTimestamp"] != nil)

                _ = try await client.patch(Self.configMapPath, ["metadata": ["finalizers": nil]])
                #expect(await eventually(timeout: .seconds(30)) { try await client.get(Self.path).status == 404 })
            }
        }
    }
}

private func held(_ object: JSONValue, _ finalizers: JSONValue) -> JSONValue {
    var result = object
    result["metadata"]?["finalizers"] = finalizers
    return result
}

/// The namespace's conditions by type, as `[status, reason, message]`; nil before it has any.
private func conditions(_ client: TestClient) async throws -> [String: [String]]? {
    let list = try await client.get(NamespaceFinalizerTests.path).json[path: "status.conditions"]?.arrayValue
    return list.map { conditions in
        Dictionary(
            conditions.map { condition in
                (
                    condition["type"]?.stringValue ?? "",
                    ["status", "reason", "message"].map { condition[$0]?.stringValue ?? "" }
                )
            }, uniquingKeysWith: { first, _ in first })
    }
}

/// What a real 1.31 namespace controller reports while content with finalizers remains.
private func expectedConditions(resources: String, finalizers: String) -> [String: [String]] {
    [
        "NamespaceDeletionDiscoveryFailure": ["False", "ResourcesDiscovered", "All resources successfully discovered"],
        "NamespaceDeletionGroupVersionParsingFailure": [
            "False", "ParsedGroupVersions", "All legacy kube types successfully parsed",
        ],
        "NamespaceDeletionContentFailure": [
            "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization",
        ],
        "NamespaceContentRemaining": ["True", "SomeResourcesRemain", resources],
        "NamespaceFinalizersRemaining": ["True", "SomeFinalizersRemain", finalizers],
    ]
}
