import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The embedded journal store: a local state directory holding `runs/<run>.jsonl` (one record a line, each
/// fsynced before `append` returns) and `locks/<tenant>.lock`. Directories are 0700 and files 0600.
public struct LocalJournalStore: JournalStore {
    public let directory: URL

    /// The state directory the CLI uses when none is given, relative to the working directory.
    public static let defaultPath = ".tenantctl/state"

    public init(directory: URL = URL(fileURLWithPath: LocalJournalStore.defaultPath)) {
        self.directory = directory
    }

    var runsDirectory: String { directory.appendingPathComponent("runs").path }
    var locksDirectory: String { directory.appendingPathComponent("locks").path }

    /// Creates (or tightens) the state directory and one of its subdirectories.
    private func prepare(_ subdirectory: String) throws {
        try SecureFiles.ensureDirectory(directory.path)
        try SecureFiles.ensureDirectory(subdirectory)
    }

    func journalPath(_ run: String) throws -> String {
        try StoreName.validate(run)
        return runsDirectory + "/" + run + ".jsonl"
    }

    /// Starts a run's journal with its `begin` record alone.
    public func begin(_ header: RunHeader) throws { try begin(header, with: []) }

    public func begin(_ header: RunHeader, with records: [JournalRecord]) throws {
        let path = try journalPath(header.run)
        try prepare(runsDirectory)
        let descriptor: Int32
        do {
            descriptor = try SecureFiles.openFile(path, O_WRONLY | O_CREAT | O_EXCL)
        } catch JournalError.system(_, _, EEXIST) {
            throw JournalError.runExists(header.run)
        }
        defer { close(descriptor) }
        let lines = try ([.begin(header)] + records).reduce(into: Data()) { $0 += try JournalLines.encode($1) }
        try SecureFiles.writeAll(descriptor, lines, path: path)
        try SecureFiles.sync(descriptor, path: path)
        try SecureFiles.syncDirectory(runsDirectory)
    }

    /// Appends after cutting off a torn tail left by a crash, so that it never ends up mid-journal; the records
    /// go in one write and one `fsync`.
    public func append(_ records: [JournalRecord], run: String) throws {
        guard !records.isEmpty else { return }
        let path = try journalPath(run)
        let descriptor: Int32
        do {
            descriptor = try SecureFiles.openFile(path, O_RDWR | O_APPEND)
        } catch JournalError.system(_, _, ENOENT) {
            throw JournalError.unknownRun(run)
        }
        defer { close(descriptor) }
        try cutTornTail(descriptor, path: path)
        try SecureFiles.writeAll(
            descriptor, try records.reduce(into: Data()) { $0 += try JournalLines.encode($1) }, path: path)
        try SecureFiles.sync(descriptor, path: path)
    }

    private func cutTornTail(_ descriptor: Int32, path: String) throws {
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return }
        var last: UInt8 = 0
        guard pread(descriptor, &last, 1, size - 1) == 1 else { throw SecureFiles.fail("read", path) }
        guard last != UInt8(ascii: "\n") else { return }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard ftruncate(descriptor, off_t(JournalLines.completeLength(data))) == 0 else {
            throw SecureFiles.fail("truncate", path)
        }
    }

    public func records(run: String) throws -> [JournalRecord] {
        let path = try journalPath(run)
        guard let data = FileManager.default.contents(atPath: path) else { throw JournalError.unknownRun(run) }
        return try JournalLines.decode(data, run: run)
    }

    public func salvage(run: String) throws -> (records: [JournalRecord], damaged: [Int]) {
        let path = try journalPath(run)
        guard let data = FileManager.default.contents(atPath: path) else { throw JournalError.unknownRun(run) }
        return JournalLines.salvage(data)
    }

    /// Runs ordered by their `begin` record's `started`, then id; a run whose `begin` was torn sorts first. None when
    /// the state directory does not exist yet; an error when something other than a directory is there.
    public func runs() throws -> [String] {
        guard try SecureFiles.directoryExists(directory.path), try SecureFiles.directoryExists(runsDirectory) else {
            return []
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: runsDirectory)
        let ids = names.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(".jsonl".count)) }
            .filter { (try? StoreName.validate($0)) != nil }
        let keyed = ids.map { id -> (started: String, id: String) in
            guard case .begin(let header)? = (try? salvage(run: id))?.records.first else { return ("", id) }
            return (header.started, id)
        }
        return keyed.sorted { ($0.started, $0.id) < ($1.started, $1.id) }.map(\.id)
    }

    public func holder(of tenant: String) throws -> LockHolder? {
        try StoreName.validate(tenant)
        let lock = LocalTenantLock(directory: locksDirectory, tenant: tenant, owner: tenant)
        return lock.currentHolder().flatMap { $0.hasExited ? nil : $0 }
    }

    public func lock(tenant: String, owner: String, timeout: Double) async throws -> any TenantLock {
        try StoreName.validate(tenant)
        try StoreName.validate(owner)
        try prepare(locksDirectory)
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        while true {
            let lock = LocalTenantLock(directory: locksDirectory, tenant: tenant, owner: owner)
            guard let holder = try lock.tryAcquire() else { return lock }
            if ContinuousClock.now >= deadline { throw JournalError.locked(tenant: tenant, holder: holder) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
