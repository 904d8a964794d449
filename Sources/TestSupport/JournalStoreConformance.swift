import Engine
import Foundation
import JSON

/// Behaviour every `JournalStore` backend must show, as a list of checks to run against a fresh store each.
/// A check throws `JournalStoreConformance.Failure` when the store misbehaves.
public enum JournalStoreConformance: Sendable {
    /// A fresh, empty store and the backend-specific way to simulate a crash mid-append.
    public struct Subject: Sendable {
        public var store: any JournalStore
        /// Leaves a torn record at the end of a run's journal, as a crash in the middle of `append` would.
        public var tearTail: @Sendable (_ run: String) async throws -> Void

        public init(store: any JournalStore, tearTail: @escaping @Sendable (_ run: String) async throws -> Void) {
            self.store = store
            self.tearTail = tearTail
        }
    }

    /// One named behaviour.
    public struct Check: Sendable, CustomStringConvertible {
        public let description: String
        let body: @Sendable (Subject) async throws -> Void

        public func run(on subject: Subject) async throws { try await body(subject) }
    }

    /// A behaviour the store did not show.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static let checks: [Check] = [
        Check(description: "begin of an existing run fails", body: beginTwiceFails),
        Check(description: "records come back in order, every kind round-tripping", body: recordsRoundTrip),
        Check(
            description: "a run begun with records reads them after its begin, then its appends", body: beginWithRecords
        ),
        Check(description: "an unknown run has no records and takes no appends", body: unknownRunFails),
        Check(description: "runs are listed oldest first, then by id", body: runsOldestFirst),
        Check(description: "a lock excludes other owners until released", body: lockExcludes),
        Check(description: "the holder of a lock is seen without taking it", body: holderIsSeen),
        Check(description: "a waiting locker gets the lock when it is released", body: waiterGetsLock),
        Check(description: "a stale handle's release leaves the new holder's lock", body: staleReleaseKeepsLock),
        Check(
            description: "a torn tail is ignored and the next append follows the last whole record",
            body: tornTailIgnored),
    ]

    static func header(_ run: String, started: String = "2026-03-01T10:00:00Z") -> RunHeader {
        RunHeader(
            run: run, tenant: "acme", cluster: "prod-1", started: started, owner: "ci-7:4242",
            access: ["kubeconfig": "/home/ci/.kube/config", "context": "prod-1"],
            plan: ["tenant": "acme", "steps": [["id": "namespace/acme", "action": "create"]]])
    }

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw Failure(description: message()) }
    }

    /// Runs `body` and returns the error it threw, failing when it threw none.
    static func error(_ what: String, _ body: () async throws -> Void) async throws -> any Error {
        do {
            try await body()
        } catch {
            return error
        }
        throw Failure(description: "\(what) did not fail")
    }

    static func beginTwiceFails(_ subject: Subject) async throws {
        try await subject.store.begin(header("r1"), with: [])
        _ = try await error("a second begin of r1") { try await subject.store.begin(header("r1"), with: []) }
        try expect(
            try await subject.store.records(run: "r1") == [.begin(header("r1"))], "the second begin changed the journal"
        )
    }

    static func recordsRoundTrip(_ subject: Subject) async throws {
        let before: JSONValue = [
            "metadata": ["name": "acme", "labels": ["tenantctl.io/tenant": "acme"], "annotations": .null],
            "spec": [
                "hard": ["cpu": "8", "pods": 110], "ratio": 1.5, "enabled": true,
                "scopes": ["Terminating", "BestEffort"],
            ],
            "note": "Grüße, 東京 ✓ — \"quoted\"\nsecond line \u{1F680}",
        ]
        let records: [JournalRecord] =
            [
                .begin(header("r1")),
                .intent(Intent(step: "namespace/acme", operation: .create, before: nil)),
                .outcome(Outcome(step: "namespace/acme", operation: .create, result: .applied, after: before)),
                .intent(Intent(step: "quota/acme", operation: .update, before: before)),
                .outcome(
                    Outcome(step: "quota/acme", operation: .update, result: .failed, message: "forbidden: ünïcode")),
                .outcome(Outcome(step: "limits/acme", operation: .update, result: .converged)),
                .intent(Intent(step: "namespace/acme", operation: .undo, before: before)),
                .intent(Intent(step: "old/acme", operation: .delete, before: before)),
            ] + RunPhase.allCases.map { .phase($0) }
        try await subject.store.begin(header("r1"), with: [])
        for record in records.dropFirst() { try await subject.store.append(record, run: "r1") }
        let read = try await subject.store.records(run: "r1")
        try expect(read == records, "records read back differ:\n\(read)\nexpected:\n\(records)")
    }

    static func beginWithRecords(_ subject: Subject) async throws {
        let first: [JournalRecord] = [
            .intent(Intent(step: "namespace/acme", operation: .create, before: nil)),
            .intent(Intent(step: "quota/acme", operation: .create, before: nil)),
        ]
        try await subject.store.begin(header("r1"), with: first)
        try await subject.store.append([.phase(.succeeded)], run: "r1")
        let read = try await subject.store.records(run: "r1")
        try expect(read == [.begin(header("r1"))] + first + [.phase(.succeeded)], "records read back differ:\n\(read)")
        _ = try await error("a second begin of r1 with records") {
            try await subject.store.begin(header("r1"), with: first)
        }
    }

    static func unknownRunFails(_ subject: Subject) async throws {
        _ = try await error("records of an unknown run") { _ = try await subject.store.records(run: "nope") }
        _ = try await error("append to an unknown run") {
            try await subject.store.append(.phase(.applying), run: "nope")
        }
        try expect(try await subject.store.runs().isEmpty, "a failed append created a run")
    }

    static func runsOldestFirst(_ subject: Subject) async throws {
        try expect(try await subject.store.runs().isEmpty, "a fresh store lists runs")
        try await subject.store.begin(header("b", started: "2026-03-02T00:00:00Z"), with: [])
        try await subject.store.begin(header("z", started: "2026-03-01T00:00:00Z"), with: [])
        try await subject.store.begin(header("c", started: "2026-03-03T00:00:00Z"), with: [])
        try await subject.store.begin(header("a", started: "2026-03-02T00:00:00Z"), with: [])
        let runs = try await subject.store.runs()
        try expect(runs == ["z", "a", "b", "c"], "runs() is \(runs)")
    }

    static func lockExcludes(_ subject: Subject) async throws {
        let first = try await subject.store.lock(tenant: "acme", owner: "r1", timeout: 5)
        let refused = try await error("a second lock of acme") {
            _ = try await subject.store.lock(tenant: "acme", owner: "r2", timeout: 0.2)
        }
        try expect(
            "\(refused)".contains("tenant \"acme\" is locked by run r1 (pid "),
            "the refusal does not name the holder: \(refused)")
        let other = try await subject.store.lock(tenant: "globex", owner: "r2", timeout: 0)
        await other.release()
        await first.release()
        let second = try await subject.store.lock(tenant: "acme", owner: "r2", timeout: 0)
        await second.release()
    }

    static func holderIsSeen(_ subject: Subject) async throws {
        try expect(try await subject.store.holder(of: "acme") == nil, "an unlocked tenant has a holder")
        let lock = try await subject.store.lock(tenant: "acme", owner: "r1", timeout: 0)
        try expect(try await subject.store.holder(of: "acme")?.owner == "r1", "the holder is not r1")
        await lock.release()
        try expect(try await subject.store.holder(of: "acme") == nil, "a released lock still has a holder")
    }

    static func waiterGetsLock(_ subject: Subject) async throws {
        let first = try await subject.store.lock(tenant: "acme", owner: "r1", timeout: 5)
        let store = subject.store
        let waiter = Task { try await store.lock(tenant: "acme", owner: "r2", timeout: 600) }
        try await Task.sleep(for: .milliseconds(300))
        await first.release()
        let second = try await waiter.value
        let refused = try await error("a lock of acme while r2 holds it") {
            _ = try await subject.store.lock(tenant: "acme", owner: "r3", timeout: 0)
        }
        try expect("\(refused)".contains("locked by run r2"), "the waiter does not hold the lock: \(refused)")
        await second.release()
    }

    static func staleReleaseKeepsLock(_ subject: Subject) async throws {
        let first = try await subject.store.lock(tenant: "acme", owner: "r1", timeout: 5)
        await first.release()
        let second = try await subject.store.lock(tenant: "acme", owner: "r2", timeout: 0)
        await first.release()
        let refused = try await error("a lock of acme after a stale release") {
            _ = try await subject.store.lock(tenant: "acme", owner: "r3", timeout: 0)
        }
        try expect("\(refused)".contains("locked by run r2"), "the stale release freed the lock: \(refused)")
        await second.release()
    }

    static func tornTailIgnored(_ subject: Subject) async throws {
        let intent = JournalRecord.intent(Intent(step: "namespace/acme", operation: .create, before: nil))
        let outcome = JournalRecord.outcome(Outcome(step: "namespace/acme", operation: .create, result: .applied))
        try await subject.store.begin(header("r1"), with: [])
        try await subject.store.append(intent, run: "r1")
        try await subject.tearTail("r1")
        let torn = try await subject.store.records(run: "r1")
        try expect(torn == [.begin(header("r1")), intent], "records after a torn tail: \(torn)")
        try await subject.store.append(outcome, run: "r1")
        let resumed = try await subject.store.records(run: "r1")
        try expect(
            resumed == [.begin(header("r1")), intent, outcome], "records after appending past a torn tail: \(resumed)")
    }
}
