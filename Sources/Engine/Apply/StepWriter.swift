import JSON
import TenancyCore

/// Performs the writes of an apply for one kind of target (Kubernetes objects, cloud resources). A write goes from
/// the target as last seen (`live`); a writer whose API has preconditions makes the server refuse it with
/// `StaleTarget` when the target moved since. Undoing reads the target first and is safe to repeat.
public protocol StepWriter: Sendable {
    /// The target as it is now; nil when it does not exist.
    func read(_ change: PlannedChange) async throws -> JSONValue?
    /// Creates, updates or deletes the target, seen as `live`, so that it matches `change.desired`; returns it
    /// afterwards. Throws `StaleTarget` when the server finds the target is no longer `live`.
    func write(_ change: PlannedChange, operation: Intent.Operation, live: JSONValue?, run: String) async throws
        -> JSONValue?
    /// Undoes a write of run `run`: deletes what it created (only when it carries the run's mark), restores the
    /// fields it changed, recreates what it deleted. Returns nil when it undid the write, else why it left the
    /// target as it is (gone already, made by someone else since, shared with other tenants).
    func undo(_ undo: ApplyMachine.Undo, live: JSONValue?, run: String) async throws -> String?
    /// Claims the tenant in its cluster for `run` (see `TenantClaim`), held `duration` seconds between renewals,
    /// waiting up to `timeout` seconds for another run's claim; nil when there is no cluster to claim in (yet).
    func claim(tenant: String, run: String, duration: Int, timeout: Double) async throws -> LeaseLock?
}

extension StepWriter {
    public func claim(tenant: String, run: String, duration: Int, timeout: Double) async throws -> LeaseLock? { nil }
}

/// Sends each change to the writer of its kind of target.
public struct RoutingStepWriter: StepWriter {
    public let kubernetes: any StepWriter
    public let cloud: (any StepWriter)?

    public init(kubernetes: any StepWriter, cloud: (any StepWriter)?) {
        self.kubernetes = kubernetes
        self.cloud = cloud
    }

    private func writer(for change: PlannedChange) throws -> any StepWriter {
        guard case .cloud = change.target else { return kubernetes }
        guard let cloud else {
            throw ApplyError("\(change.target) needs the CCE API, but the cluster has no cce: entry")
        }
        return cloud
    }

    public func read(_ change: PlannedChange) async throws -> JSONValue? { try await writer(for: change).read(change) }

    public func write(_ change: PlannedChange, operation: Intent.Operation, live: JSONValue?, run: String) async throws
        -> JSONValue?
    {
        try await writer(for: change).write(change, operation: operation, live: live, run: run)
    }

    public func undo(_ undo: ApplyMachine.Undo, live: JSONValue?, run: String) async throws -> String? {
        try await writer(for: undo.change).undo(undo, live: live, run: run)
    }

    public func claim(tenant: String, run: String, duration: Int, timeout: Double) async throws -> LeaseLock? {
        try await kubernetes.claim(tenant: tenant, run: run, duration: duration, timeout: timeout)
    }
}

/// A write the server refused because its target is no longer as it was seen (a precondition failed): nothing
/// was written, and the step is read and decided again.
public struct StaleTarget: Error, Sendable, Hashable, CustomStringConvertible {
    public var target: String
    public var detail: String

    public init(change: PlannedChange, detail: String) {
        target = change.target.description
        self.detail = detail
    }

    public var description: String { "\(target) moved since it was read (\(detail)); reading it again" }
}

/// An apply could not go on: a target that changed owner, a cluster that is unreachable, a stale plan.
public struct ApplyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
