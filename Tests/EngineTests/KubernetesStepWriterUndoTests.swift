@testable import Engine
import Foundation
import JSON
import KubeAPI
import TenancyCore
import TestSupport
import Testing

/// Undoing a create against the sandbox: the very object the run made goes even after a controller wrote to it,
/// and an object made in its place since is left alone.
@Suite struct KubernetesStepWriterUndoTests {
    static let quota: JSONValue = [
        "apiVersion": "v1", "kind": "ResourceQuota",
        "metadata": ["name": "tenant-quota", "namespace": "undo-ns"], "spec": ["hard": ["pods": "5"]],
    ]

    static func change() -> PlannedChange {
        PlannedChange(
            id: "quota[undo-ns]", stepID: "quota", dependsOn: [], action: .create,
            target: .object(
                ObjectKey(apiVersion: "v1", kind: "ResourceQuota", namespace: "undo-ns", name: "tenant-quota")),
            desired: quota)
    }

    /// Creates the quota through the writer and waits for the quota controller to write its status.
    static func createdAndCounted(_ client: KubeClient, _ writer: KubernetesStepWriter) async throws -> JSONValue {
        _ = try await client.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "undo-ns"]])
        let made = try #require(try await writer.write(change(), operation: .create, live: nil, run: "run-1"))
        let reference = ObjectReference(
            apiVersion: "v1", kind: "ResourceQuota", name: "tenant-quota", namespace: "undo-ns")
        for _ in 0..<100 {
            let live = try #require(try await client.getIfPresent(reference))
            if live["status"]?["used"] != nil { return made }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the quota controller never wrote the quota's status")
        return made
    }

    @Test func anUndoDeletesTheObjectTheRunMadeAfterAControllerWroteToIt() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            let writer = KubernetesStepWriter(source: KubeClientSource(client: client))
            let made = try await Self.createdAndCounted(client, writer)
            let live = try #require(try await writer.read(Self.change()))
            #expect(live["metadata"]?["resourceVersion"] != made["metadata"]?["resourceVersion"])

            // The rollback read the quota as the run made it; the controller wrote its status after that read.
            let undo = ApplyMachine.Undo(
                change: Self.change(), operation: .create, before: nil, after: made, landsBy: nil)
            #expect(try await writer.undo(undo, live: made, run: "run-1") == nil)
            #expect(try await writer.read(Self.change()) == nil)
        }
    }

    @Test func anUndoLeavesAnObjectMadeInItsPlaceAlone() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            let writer = KubernetesStepWriter(source: KubeClientSource(client: client))
            let made = try await Self.createdAndCounted(client, writer)
            let seen = try #require(try await writer.read(Self.change()))
            // Someone replaces it (same name, same run annotation copied) after the rollback read it.
            let reference = ObjectReference(
                apiVersion: "v1", kind: "ResourceQuota", name: "tenant-quota", namespace: "undo-ns")
            try await client.delete(reference)
            var copy = Self.quota
            copy["metadata"]?["annotations"] = [KubernetesStepWriter.runAnnotation: "run-1"]
            let replacement = try await client.create(copy)

            let undo = ApplyMachine.Undo(
                change: Self.change(), operation: .create, before: nil, after: made, landsBy: nil)
            let note = try await writer.undo(undo, live: seen, run: "run-1")
            #expect(note?.hasPrefix("left alone") == true)
            #expect(try await writer.read(Self.change())?["metadata"]?["uid"] == replacement["metadata"]?["uid"])
        }
    }

    /// A kind whose group the server does not serve (CCE Turbo's SecurityGroup on another cluster) reads as absent,
    /// so a rollback of its failed create can finish; a group served in other versions is still an error.
    @Test func aKindOfAnUnservedGroupReadsAsAbsent() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            let writer = KubernetesStepWriter(source: KubeClientSource(client: client))
            func change(_ apiVersion: String, _ kind: String) -> PlannedChange {
                PlannedChange(
                    id: "x", stepID: "x", dependsOn: [], action: .create,
                    target: .object(ObjectKey(apiVersion: apiVersion, kind: kind, namespace: "undo-ns", name: "x")),
                    desired: nil)
            }
            let unserved = try await writer.read(change("unserved.example.com/v1", "SecurityGroup"))
            #expect(unserved == nil)
            await #expect(throws: ResourceMappingError.self) {
                try await writer.read(change("apps/v9", "Deployment"))
            }
        }
    }
}
