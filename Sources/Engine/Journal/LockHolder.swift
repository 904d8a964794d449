import Foundation

/// Who holds a tenant lock: the content of a lock file.
public struct LockHolder: Sendable, Hashable, Codable {
    /// The run id that took the lock.
    public var owner: String
    public var pid: Int32
    public var host: String
    /// Who ran it (absent in locks of older versions).
    public var user: String?
    /// ISO 8601, UTC.
    public var since: String

    public init(owner: String, pid: Int32, host: String, user: String? = nil, since: String) {
        self.owner = owner
        self.pid = pid
        self.host = host
        self.user = user
        self.since = since
    }

    /// Whether the holder is known to be gone: it ran on this host and its process no longer exists.
    public var hasExited: Bool { host == LocalProcess.hostName && LocalProcess.hasExited(pid: pid) }
}
