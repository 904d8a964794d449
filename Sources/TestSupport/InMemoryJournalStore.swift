import Engine
import Foundation
import Synchronization

/// A `JournalStore` in memory, for running the engine without a disk: it passes `JournalStoreConformance` as the
/// local store does, and counts commits (one per `append` call, as the local store's `fsync`s) so that tests can
/// see how appends are grouped. `tearTail` leaves a torn record, as a crash mid-append would.
public final class InMemoryJournalStore: JournalStore, Sendable {
    private struct Journal {
        var started: String
        var records: [JournalRecord]
        /// A record was being appended when the "crash" came: it is not readable and the next append drops it.
        var torn = false
    }

    private struct State {
        var journals: [String: Journal] = [:]
        var locks: [String: LockHolder] = [:]
        var commits = 0
        var appended: [[JournalRecord]] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// How many appends were committed (each one an `fsync` in the local store).
    public var commits: Int { state.withLock { $0.commits } }

    /// Every commit's records (a run's begin with what came with it, then each append), in order: which records
    /// shared a commit.
    public var commitBatches: [[JournalRecord]] { state.withLock { $0.appended } }

    /// Leaves a torn record at the end of `run`'s journal.
    public func tearTail(_ run: String) {
        state.withLock { $0.journals[run]?.torn = true }
    }

    /// Starts a run's journal with its `begin` record alone.
    public func begin(_ header: RunHeader) throws { try begin(header, with: []) }

    public func begin(_ header: RunHeader, with records: [JournalRecord]) throws {
        try state.withLock { state in
            guard state.journals[header.run] == nil else { throw JournalError.runExists(header.run) }
            state.journals[header.run] = Journal(started: header.started, records: [.begin(header)] + records)
            state.commits += 1
            state.appended.append([.begin(header)] + records)
        }
    }

    public func append(_ records: [JournalRecord], run: String) throws {
        try state.withLock { state in
            guard var journal = state.journals[run] else { throw JournalError.unknownRun(run) }
            guard !records.isEmpty else { return }
            journal.torn = false
            journal.records += records
            state.journals[run] = journal
            state.commits += 1
            state.appended.append(records)
        }
    }

    public func records(run: String) throws -> [JournalRecord] {
        try state.withLock { state in
            guard let journal = state.journals[run] else { throw JournalError.unknownRun(run) }
            return journal.records
        }
    }

    public func runs() throws -> [String] {
        state.withLock { state in
            state.journals.sorted { ($0.value.started, $0.key) < ($1.value.started, $1.key) }.map(\.key)
        }
    }

    public func holder(of tenant: String) throws -> LockHolder? {
        state.withLock { $0.locks[tenant] }
    }

    public func lock(tenant: String, owner: String, timeout: Double) async throws -> any TenantLock {
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, min(timeout, 86_400)) * 1000))
        let holder = LockHolder(owner: owner, pid: getpid(), host: "memory", since: Date().ISO8601Format())
        while true {
            let current = state.withLock { state -> LockHolder? in
                if let current = state.locks[tenant] { return current }
                state.locks[tenant] = holder
                return nil
            }
            guard let current else { return Lock(store: self, tenant: tenant, holder: holder) }
            if ContinuousClock.now >= deadline { throw JournalError.locked(tenant: tenant, holder: current) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    fileprivate func release(tenant: String, holder: LockHolder) {
        state.withLock { state in
            if state.locks[tenant] == holder { state.locks[tenant] = nil }
        }
    }

    private struct Lock: TenantLock {
        let store: InMemoryJournalStore
        let tenant: String
        let holder: LockHolder

        func release() { store.release(tenant: tenant, holder: holder) }

        /// Held until released: no one takes it over.
        func check() {}
    }
}
