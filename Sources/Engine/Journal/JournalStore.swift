/// Where runs are journalled and tenants locked. The local directory is the default backend; another (the
/// Kubernetes API of a management cluster) must pass the same conformance suite.
public protocol JournalStore: Sendable {
    /// Starts a run's journal with its `begin` record and `records` after it, as one commit; fails if the run
    /// exists.
    func begin(_ header: RunHeader, with records: [JournalRecord]) async throws
    /// Appends records durably and in order, as one commit (one `fsync` for the local store): when this returns,
    /// a crash cannot lose them. A crash during the call may keep a prefix of them.
    func append(_ records: [JournalRecord], run: String) async throws
    /// Every record of a run, in order. A torn last record (a crash mid-write) is ignored; a damaged record before
    /// it fails (`JournalError.corruptRecord`): a run is never continued from a journal read in part.
    func records(run: String) async throws -> [JournalRecord]
    /// What can be read of a run's journal, damaged or not, and the damaged lines: for showing it.
    func salvage(run: String) async throws -> (records: [JournalRecord], damaged: [Int])
    /// Every run's id, oldest first.
    func runs() async throws -> [String]
    /// The live holder of `tenant`'s lock, or nil when no run holds it (a dead holder counts as none).
    func holder(of tenant: String) async throws -> LockHolder?
    /// Takes the lock of `tenant` for `owner` (a run id); waits up to `timeout` seconds for a live holder,
    /// takes over a lock whose holder is dead, and fails naming the holder when the wait runs out.
    func lock(tenant: String, owner: String, timeout: Double) async throws -> any TenantLock
}

extension JournalStore {
    /// A store whose journals cannot be damaged line by line reads them whole.
    public func salvage(run: String) async throws -> (records: [JournalRecord], damaged: [Int]) {
        (try await records(run: run), [])
    }

    /// Appends one record durably.
    public func append(_ record: JournalRecord, run: String) async throws {
        try await append([record], run: run)
    }
}

/// A held tenant lock.
public protocol TenantLock: Sendable {
    func release() async
    /// Throws when the lock was lost (taken over after it lapsed): its run must not write on.
    func check() async throws
}
