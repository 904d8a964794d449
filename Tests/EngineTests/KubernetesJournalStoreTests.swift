import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

@testable import Engine

/// The Kubernetes journal store against the sandbox: the conformance suite every store passes, chunking past the
/// chunk limit, and two writers of one run refused.
@Suite struct KubernetesJournalStoreTests {
    static let namespace = "tenantctl-state"

    static func withStore(_ body: (KubernetesJournalStore, KubeClient) async throws -> Void) async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            _ = try await client.create([
                "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)],
            ])
            try await body(KubernetesJournalStore(client: client, namespace: namespace, leaseDuration: 15), client)
        }
    }

    @Test(arguments: JournalStoreConformance.checks)
    func conformance(_ check: JournalStoreConformance.Check) async throws {
        try await Self.withStore { store, client in
            let subject = JournalStoreConformance.Subject(store: store) { run in
                // A writer that died mid-record: the last chunk ends in half a line.
                let reference = await store.chunk(run, 0)
                let secret = try await client.get(reference)
                let data = Data(base64Encoded: secret["data"]?["journal.jsonl"]?.stringValue ?? "") ?? Data()
                let torn = data + Data(#"{"kind":"outcome","outco"#.utf8)
                _ = try await client.mergePatch(
                    reference, patch: ["data": ["journal.jsonl": .string(torn.base64EncodedString())]])
            }
            try await check.run(on: subject)
        }
    }

    @Test func aLongJournalIsChunkedAndReadBackWhole() async throws {
        try await Self.withStore { store, client in
            let header = RunHeader(
                run: "r1", tenant: "acme", cluster: "c", started: "2026-03-01T10:00:00Z", owner: "h:1", access: [:],
                plan: [:])
            try await store.begin(header, with: [])
            let big: JSONValue = ["data": .string(String(repeating: "x", count: 100_000))]
            let records = (0..<12).map { JournalRecord.intent(Intent(step: "s\($0)", operation: .update, before: big)) }
            for record in records { try await store.append(record, run: "r1") }
            #expect(try await client.getIfPresent(store.chunk("r1", 2)) != nil, "each commit is a chunk of its own")
            let fresh = KubernetesJournalStore(client: client, namespace: Self.namespace)
            #expect(try await fresh.records(run: "r1") == [.begin(header)] + records)
            #expect(try await fresh.runs() == ["r1"])
        }
    }

    @Test func twoWritersOfOneRunAreRefused() async throws {
        try await Self.withStore { store, client in
            let header = RunHeader(
                run: "r1", tenant: "acme", cluster: "c", started: "2026-03-01T10:00:00Z", owner: "h:1", access: [:],
                plan: [:])
            try await store.begin(header, with: [])
            let other = KubernetesJournalStore(client: client, namespace: Self.namespace)
            try await other.append(.phase(.applying), run: "r1")
            let error = await #expect(throws: JournalError.self) {
                try await store.append(.phase(.succeeded), run: "r1")
            }
            #expect(error == .concurrentAppend("r1"))
            #expect(try await other.records(run: "r1") == [.begin(header), .phase(.applying)])
        }
    }
}
