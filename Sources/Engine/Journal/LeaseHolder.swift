import Foundation
import JSON
import KubeAPI

/// Who holds a tenant's Lease: the run, the user who started it, and the host and process it runs in, written as
/// `RUN USER@HOST:PID` in the Lease's `holderIdentity` (`RUN@HOST:PID`, without the user, by older versions).
public struct LeaseHolder: Sendable, Hashable {
    public var run: String
    public var user: String?
    public var host: String
    public var pid: Int32

    var identity: String { "\(run) \(user ?? "")@\(host):\(pid)" }

    init(run: String, user: String?, host: String, pid: Int32) {
        self.run = run
        self.user = user
        self.host = host
        self.pid = pid
    }

    init?(identity: String) {
        let space = identity.firstIndex(of: " ")
        let process = space.map { identity[identity.index(after: $0)...] } ?? identity[...]
        guard let at = process.lastIndex(of: "@"), let colon = process.lastIndex(of: ":"), at < colon,
            let pid = Int32(process[process.index(after: colon)...])
        else { return nil }
        let user = space.map { _ in String(process[..<at]) }
        self.init(
            run: String(space.map { identity[..<$0] } ?? process[..<at]), user: user.flatMap { $0.isEmpty ? nil : $0 },
            host: String(process[process.index(after: at)..<colon]), pid: pid)
    }

    /// A Lease as read: its holder and when it was last renewed.
    public struct Seen: Sendable {
        var identity: String?
        var holder: LeaseHolder?
        var renewed: Date?
        var duration: Int

        init(_ lease: JSONValue) {
            identity = lease["spec"]?["holderIdentity"]?.stringValue
            holder = identity.flatMap(LeaseHolder.init(identity:))
            renewed = lease["spec"]?["renewTime"]?.stringValue.flatMap(LeaseHolder.date(microTime:))
            duration = Int(lease["spec"]?["leaseDurationSeconds"]?.intValue ?? Int64(LeaseLock.defaultDuration))
        }

        /// Whether the holder has let the lease go: no holder, not renewed within its duration, or a process of
        /// this host that no longer exists.
        func hasLapsed(at now: Date) -> Bool {
            guard let identity, !identity.isEmpty, let renewed else { return true }
            if let holder, holder.host == LocalProcess.hostName, LocalProcess.hasExited(pid: holder.pid) { return true }
            return renewed.addingTimeInterval(TimeInterval(duration)) < now
        }

        func busyMessage(tenant: String, lease: ObjectReference) -> String {
            let who =
                holder.map {
                    "run \($0.run) (pid \($0.pid) on host \($0.host)\($0.user.map { " of user \($0)" } ?? ""))"
                }
                ?? "\"\(identity ?? "")\""
            let ago = renewed.map { " \(max(0, Int(Date().timeIntervalSince($0)))) s ago" } ?? ""
            return "tenant \"\(tenant)\" is being applied by \(who), from another state directory or machine: "
                + "the cluster's Lease \(lease.namespace ?? "")/\(lease.name) was renewed\(ago); nothing was written. "
                + "Wait for that run (--lock-timeout), or, if it is dead, its lease lapses \(duration) s after its last renewal"
        }
    }

    /// Kubernetes MicroTime: RFC 3339 in UTC with microseconds.
    static func microTime(_ date: Date) -> String { formatter(micro).string(from: date) }

    /// A MicroTime, or a Time (whole seconds) as other clients may write.
    static func date(microTime text: String) -> Date? {
        formatter(micro).date(from: text) ?? formatter("yyyy-MM-dd'T'HH:mm:ss'Z'").date(from: text)
    }

    private static let micro = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'"

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}
