import Engine
import Foundation
import JSON
import Synchronization
import TenancyCore
import TestSupport
import Testing

/// The engine in memory (`InMemoryJournalStore`, `InMemoryStepWriter` injected into `TenantApply`): journal order,
/// group commit, writes without reads from a fresh plan, stale writes read again, and a run cut short at every
/// commit resumed to the end or rolled back to the start.
@Suite struct ApplyRunnerTests {
    static func object(_ name: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "t"],
            "data": ["k": "v"],
        ]
    }

    static func change(_ name: String, after: [String] = [], live: JSONValue? = nil, observed: Bool = true)
        -> PlannedChange
    {
        var change = PlannedChange(
            id: name, stepID: name, dependsOn: after, action: live == nil ? .create : .update,
            target: .object(ObjectKey(apiVersion: "v1", kind: "ConfigMap", namespace: "t", name: name)),
            desired: object(name))
        if observed { change.observed = Observation(object: live) }
        return change
    }

    static func plan(_ changes: [PlannedChange]) -> Plan {
        Plan(
            tenant: "acme", cluster: "c", isolation: .logical,
            facts: .assumed(version: KubernetesVersion(major: 1, minor: 31)),
            offline: false, changes: changes, notes: [])
    }

    static var access: RunAccess { get throws { try RunAccess(json: ["kubeconfig": "/dev/null"]) } }

    func engine(_ store: any JournalStore, _ writer: InMemoryStepWriter, concurrency: Int = 4) -> TenantApply {
        TenantApply(
            store: store, options: .init(concurrency: concurrency, rollbackOnFailure: true, writeWindow: .zero),
            writers: { _, _ in writer }, events: { _ in })
    }

    @Test func theIntentsOfConcurrentWritesShareOneCommitAndAreDurableBeforeTheirWrites() async throws {
        let store = InMemoryJournalStore()
        let journalled = Mutex<[String]>([])
        let writer = InMemoryStepWriter { change, _ in
            // Every write finds its intent already committed.
            let run = try store.runs().last ?? ""
            let intents = try store.records(run: run).compactMap { record -> String? in
                if case .intent(let intent) = record { return intent.step }
                return nil
            }
            #expect(intents.contains(change.id), "\(change.id) was sent before its intent was committed")
            journalled.withLock { $0.append(change.id) }
        }
        let plan = Self.plan(["a", "b", "c", "d"].map { Self.change($0) } + [Self.change("e", after: ["a", "b"])])
        let (run, machine) = try #require(try await engine(store, writer).apply(plan, access: Self.access))
        #expect(machine.phase == .succeeded)
        #expect(journalled.withLock { $0.count } == 5)
        let batches = store.commitBatches
        let intentsPerCommit = batches.map { $0.filter { if case .intent = $0 { true } else { false } }.count }
        #expect(
            intentsPerCommit.first == 4,
            "the four independent writes' intents share the first commit: \(intentsPerCommit)")
        #expect(store.commits < 2 + 5 * 2, "fewer commits than one per record: \(store.commits)")
        #expect(
            try store.records(run: run).count == 1 + 5 * 2 + 1, "begin, an intent and an outcome per write, the phase")
    }

    /// An in-memory store that runs `beforeAppend` first on every append: a slow round trip, or a crash.
    final class InterceptingStore: JournalStore, Sendable {
        let inner = InMemoryJournalStore()
        let beforeAppend: @Sendable (InMemoryJournalStore) async throws -> Void
        init(beforeAppend: @escaping @Sendable (InMemoryJournalStore) async throws -> Void) {
            self.beforeAppend = beforeAppend
        }
        func begin(_ header: RunHeader, with records: [JournalRecord]) throws { try inner.begin(header, with: records) }
        func append(_ records: [JournalRecord], run: String) async throws {
            try await beforeAppend(inner)
            try inner.append(records, run: run)
        }
        func records(run: String) throws -> [JournalRecord] { try inner.records(run: run) }
        func runs() throws -> [String] { try inner.runs() }
        func holder(of tenant: String) throws -> LockHolder? { try inner.holder(of: tenant) }
        func lock(tenant: String, owner: String, timeout: Double) async throws -> any TenantLock {
            try await inner.lock(tenant: tenant, owner: owner, timeout: timeout)
        }

        /// Commits that take `delay`, as a round trip to a management cluster does.
        static func slow(_ delay: Duration) -> InterceptingStore {
            InterceptingStore { _ in try await Task.sleep(for: delay) }
        }

        /// A store that stops accepting commits after `limit` of them, as a process killed at that moment would.
        static func dying(after limit: Int) -> InterceptingStore {
            InterceptingStore { inner in guard inner.commits < limit else { throw Killed() } }
        }
        struct Killed: Error {}
    }

    @Test func writesThatFinishWhileACommitIsUnderWayShareTheNextCommit() async throws {
        let store = InterceptingStore.slow(.milliseconds(50))
        let plan = Self.plan((1...24).map { Self.change("cm-\($0)") })
        let (run, machine) = try #require(
            try await engine(store, InMemoryStepWriter(), concurrency: 8).apply(plan, access: Self.access))
        #expect(machine.phase == .succeeded)
        // One commit per finished write would be 1 + 24; outcomes alone wait for the next intents or the end.
        #expect(store.inner.commits <= 10, "\(store.inner.commitBatches.map(\.count))")
        #expect(try store.records(run: run).count == 1 + 24 * 2 + 1)
    }

    @Test func aFreshPlanIsWrittenWithoutReadingItsTargetsAgain() async throws {
        let writer = InMemoryStepWriter()
        let store = InMemoryJournalStore()
        let plan = Self.plan(["a", "b"].map { Self.change($0) })
        _ = try await engine(store, writer).apply(plan, access: Self.access)
        #expect(writer.reads == 0)
        #expect(Set(writer.writes) == ["create ConfigMap t/a", "create ConfigMap t/b"])
    }

    @Test func aTargetThatMovedSinceThePlanIsReadAgainAndDecidedAnew() async throws {
        let writer = InMemoryStepWriter()
        let store = InMemoryJournalStore()
        let target = Self.change("a").target
        let seen = writer.set(target, Self.object("a").merging(data: ["k": "old"]))
        var stale = Self.change("a", live: Self.object("a").merging(data: ["k": "old"]).with(version: seen))
        stale.action = .update
        writer.set(target, Self.object("a").merging(data: ["k": "someone else's"]))  // moves on after the plan
        let (run, machine) = try #require(
            try await engine(store, writer).apply(Self.plan([stale]), access: Self.access))
        #expect(machine.phase == .succeeded)
        #expect(writer.reads == 1, "read once, after the server refused the stale write")
        #expect(writer.objects[target.description]?["data"] == ["k": "v"])
        let results = try store.records(run: run).compactMap { record -> String? in
            switch record {
            case .intent(let intent): "intent \(intent.operation.rawValue)"
            case .outcome(let outcome): "outcome \(outcome.result.rawValue)"
            default: nil
            }
        }
        #expect(results == ["intent update", "outcome stale", "intent update", "outcome applied"])
    }

    @Test func aTargetThatAnotherRunCreatedMeanwhileConverges() async throws {
        let writer = InMemoryStepWriter()
        let plan = Self.plan([Self.change("a")])
        writer.set(plan.changes[0].target, Self.object("a"))
        let (_, machine) = try #require(
            try await engine(InMemoryJournalStore(), writer).apply(plan, access: Self.access))
        #expect(machine.phase == .succeeded)
        #expect(writer.writes.isEmpty, "found as planned after the create was refused")
    }

    static let chain = [
        Self.change("ns"), Self.change("quota", after: ["ns"]), Self.change("limits", after: ["ns"]),
        Self.change("binding", after: ["quota"]),
    ]

    @Test(arguments: 1...6)
    func aRunCutShortAtAnyCommitResumesToTheEndOrRollsBackToTheStart(commits: Int) async throws {
        for rollback in [false, true] {
            let dying = InterceptingStore.dying(after: commits)
            let writer = InMemoryStepWriter()
            let cut = await Result { try await engine(dying, writer).apply(Self.plan(Self.chain), access: Self.access) }
            guard case .failure = cut, let run = try dying.runs().first else {
                // The run needs at least four commits (begin, ns, quota and limits, binding): it cannot finish first.
                #expect(commits > 3, "a run cut at commit \(commits) finished")
                continue
            }
            let machine = try await engine(dying.inner, writer).resume(run: run, rollback: rollback)
            if rollback {
                #expect(machine.phase == .rolledBack)
                #expect(
                    writer.objects.isEmpty, "cut at commit \(commits), rolled back: \(writer.objects.keys.sorted())")
            } else {
                #expect(machine.phase == .succeeded)
                #expect(Set(writer.objects.keys) == Set(Self.chain.map(\.target.description)))
                #expect(writer.objects.values.allSatisfy { $0["data"] == ["k": "v"] })
            }
        }
    }

    /// The safety review's repro: a create was in flight when tenantctl was killed, and lands after the rollback
    /// began. The rollback waits until the write can no longer land, then undoes what it left.
    @Test func aRollbackWaitsOutAWriteThatMayStillLand() async throws {
        let store = InMemoryJournalStore()
        let writer = InMemoryStepWriter()
        let change = Self.change("a")
        let header = RunHeader(
            run: "r1", tenant: "acme", cluster: "c", started: "2026-03-01T10:00:00Z", owner: "gone:1",
            access: try Self.access.json, plan: try JSONValue(encoding: Self.plan([change])))
        try store.begin(header)
        let landsBy = Date().timeIntervalSince1970 + 3600
        try store.append([.intent(Intent(step: "a", operation: .create, before: nil, landsBy: landsBy))], run: "r1")
        // The killed process's POST lands while the rollback waits.
        var landed = Self.object("a")
        landed["metadata"]?["annotations"] = ["tenantctl.io/run": "r1"]
        let waited = Mutex<[String]>([])
        let paused = Mutex<[Duration]>([])
        let engine = TenantApply(
            store: store,
            options: .init(rollbackOnFailure: true, sleep: { pause in paused.withLock { $0.append(pause) } }),
            writers: { _, _ in writer },
            events: { [landed] event in
                guard case .waiting(let change, _) = event else { return }
                waited.withLock { $0.append(change.id) }
                writer.set(change.target, landed)
            })
        let machine = try await engine.resume(run: "r1", rollback: true)
        #expect(machine.phase == .rolledBack)
        #expect(waited.withLock { $0 } == ["a"])
        #expect(
            paused.withLock { $0 }.allSatisfy { $0 > .seconds(3500) } && paused.withLock { $0.count } == 1,
            "waited until the write could no longer land")
        #expect(writer.objects.isEmpty, "the late write was undone: \(writer.objects.keys)")
    }

    @Test(arguments: JournalStoreConformance.checks)
    func theInMemoryStorePassesTheConformanceSuite(_ check: JournalStoreConformance.Check) async throws {
        let store = InMemoryJournalStore()
        try await check.run(on: JournalStoreConformance.Subject(store: store) { store.tearTail($0) })
    }
}

extension JSONValue {
    func merging(data: JSONValue) -> JSONValue {
        var copy = self
        copy["data"] = data
        return copy
    }

    func with(version: String?) -> JSONValue {
        var copy = self
        copy["metadata"]?["resourceVersion"] = version.map(JSONValue.string) ?? .null
        return copy
    }
}

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
