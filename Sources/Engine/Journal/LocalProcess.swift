import Processes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// This process and its host, as lock files and run owners name them.
public enum LocalProcess {
    public static var id: Int32 { getpid() }

    /// The host's name, or `TENANTCTL_HOST` when set (a CI runner's stable identity, or two "machines" on one).
    public static var hostName: String {
        if let name = getenv("TENANTCTL_HOST").map({ String(cString: $0) }), !name.isEmpty { return name }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Who runs this process: `TENANTCTL_USER` when set (a CI job's name), else the login name of its user.
    public static var userName: String {
        for name in ["TENANTCTL_USER", "USER", "LOGNAME"] {
            if let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty { return value }
        }
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "uid \(geteuid())" }
        return String(cString: name)
    }

    /// Whether no process with this id exists (a process of another user is alive).
    public static func hasExited(pid: Int32) -> Bool { !ProcessLiveness.exists(pid: pid) }
}

extension RunHeader {
    /// Whether the process that began the run is known to be gone: `owner` (`host:pid`) names this host and a
    /// pid that no longer exists.
    public var ownerHasExited: Bool {
        guard let colon = owner.lastIndex(of: ":"), let pid = Int32(owner[owner.index(after: colon)...]) else {
            return false
        }
        return String(owner[..<colon]) == LocalProcess.hostName && LocalProcess.hasExited(pid: pid)
    }
}
