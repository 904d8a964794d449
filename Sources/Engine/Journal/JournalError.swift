import Foundation

/// Why a journal store refused or failed an operation.
public enum JournalError: Error, Equatable, CustomStringConvertible {
    /// `begin` of a run whose journal already exists.
    case runExists(String)
    /// A run with no journal.
    case unknownRun(String)
    /// A run id or tenant name that cannot name a file (empty, a leading `.`, or a character outside
    /// letters, digits, `-`, `_` and `.`).
    case invalidName(String)
    /// A record before the last one that does not decode: the journal was damaged, not torn by a crash.
    case corruptRecord(run: String, line: Int)
    /// The tenant's lock stayed with another live holder until the wait ran out.
    case locked(tenant: String, holder: LockHolder)
    /// Records were appended to the run's journal by another writer since this one last wrote it.
    case concurrentAppend(String)
    /// A state directory that exists but is not safe to use as it is (someone else's, or writable by others).
    case unsafeDirectory(path: String, reason: String)
    /// A system call failed.
    case system(operation: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .runExists(let run): "run \"\(run)\" already exists"
        case .unknownRun(let run): "no run \"\(run)\""
        case .invalidName(let name):
            "\"\(name)\" is not a valid run id or tenant name (letters, digits, '-', '_', '.' not leading)"
        case .corruptRecord(let run, let line):
            "the journal of run \"\(run)\" is damaged at line \(line); tenantctl does not continue or undo a run it cannot read whole, as it could miss a write: `tenantctl runs show \(run)` shows what can be read; repair or remove that line, then try again"
        case .locked(let tenant, let holder):
            "tenant \"\(tenant)\" is locked by run \(holder.owner) (pid \(holder.pid) on host \(holder.host)\(holder.user.map { " of user \($0)" } ?? "") since \(holder.since))"
        case .concurrentAppend(let run):
            "another process appended to the journal of run \"\(run)\" since this one last wrote it; two writers of one run are refused, and nothing more was written"
        case .unsafeDirectory(let path, let reason):
            "the state directory \(path) is not safe to keep runs in: \(reason); tenantctl leaves it as it is"
        case .system(let operation, let path, let code): "\(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}
