import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tenant lock of the local store: `locks/<tenant>.lock`, created with `O_EXCL` and holding a `LockHolder`.
/// Every change to lock files (take, take over, release) happens under `flock` of `locks/.mutex`, so a lock file
/// is never seen half written, and of two processes finding the same dead holder only one takes its place.
/// The kernel drops the `flock` when its process dies, so the mutex itself cannot go stale.
struct LocalTenantLock: TenantLock {
    let directory: String
    let tenant: String
    let holder: LockHolder

    init(directory: String, tenant: String, owner: String) {
        self.directory = directory
        self.tenant = tenant
        holder = LockHolder(
            owner: owner, pid: LocalProcess.id, host: LocalProcess.hostName, user: LocalProcess.userName,
            since: Date().ISO8601Format())
    }

    var path: String { directory + "/" + tenant + ".lock" }

    /// Takes the lock, or returns the live holder that has it. A holder that has exited, or a lock file that
    /// does not decode (its writer died before finishing it), is replaced.
    func tryAcquire() throws -> LockHolder? {
        try exclusively {
            if try create() { return nil }
            if let current = read(), !current.hasExited { return current }
            guard unlink(path) == 0 || errno == ENOENT else { throw SecureFiles.fail("unlink", path) }
            guard try create() else { return read() }
            return nil
        }
    }

    /// Held until released: a live holder's lock file is never taken over.
    func check() {}

    func release() {
        try? exclusively {
            guard read() == holder else { return }
            unlink(path)
            try SecureFiles.syncDirectory(directory)
        }
    }

    /// Creates the lock file for this holder; false when one exists.
    private func create() throws -> Bool {
        let descriptor: Int32
        do {
            descriptor = try SecureFiles.openFile(path, O_WRONLY | O_CREAT | O_EXCL)
        } catch JournalError.system(_, _, EEXIST) {
            return false
        }
        defer { close(descriptor) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try SecureFiles.writeAll(descriptor, try encoder.encode(holder), path: path)
        try SecureFiles.sync(descriptor, path: path)
        try SecureFiles.syncDirectory(directory)
        return true
    }

    /// Who holds the lock now, without taking it (nil: no lock file, or one that does not decode).
    func currentHolder() -> LockHolder? { read() }

    private func read() -> LockHolder? {
        FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(LockHolder.self, from: $0) }
    }

    private func exclusively<T>(_ body: () throws -> T) throws -> T {
        let mutex = directory + "/.mutex"
        let descriptor = try SecureFiles.openFile(mutex, O_RDWR | O_CREAT)
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw SecureFiles.fail("flock", mutex) }
        }
        return try body()
    }
}
