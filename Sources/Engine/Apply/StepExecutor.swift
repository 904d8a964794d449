import JSON
import TenancyCore

/// Performs the writes of an apply for one kind of target (Kubernetes objects, cloud resources). Every call
/// first gets the target as it is: writes re-check it, and undoing is safe to repeat.
public protocol StepExecutor: Sendable {
    /// The target as it is now; nil when it does not exist.
    func read(_ change: PlannedChange) async throws -> JSONValue?
    /// Creates, updates or deletes the target so that it matches `change.desired`; returns it afterwards.
    func write(_ change: PlannedChange, operation: Intent.Operation, live: JSONValue?, run: String) async throws -> JSONValue?
    /// Undoes a write of run `run`: deletes what it created (only when it carries the run's mark), restores the
    /// fields it changed, recreates what it deleted.
    func undo(_ undo: ApplyMachine.Undo, live: JSONValue?, run: String) async throws
}

/// Sends each change to the executor of its kind of target.
public struct RoutingExecutor: StepExecutor {
    public let kubernetes: any StepExecutor
    public let cloud: (any StepExecutor)?

    public init(kubernetes: any StepExecutor, cloud: (any StepExecutor)?) {
        self.kubernetes = kubernetes
        self.cloud = cloud
    }

    private func executor(for change: PlannedChange) throws -> any StepExecutor {
        guard case .cloud = change.target else { return kubernetes }
        guard let cloud else { throw ApplyError("\(change.target) needs the CCE API, but the cluster has no cce: entry") }
        return cloud
    }

    public func read(_ change: PlannedChange) async throws -> JSONValue? { try await executor(for: change).read(change) }

    public func write(_ change: PlannedChange, operation: Intent.Operation, live: JSONValue?, run: String) async throws -> JSONValue? {
        try await executor(for: change).write(change, operation: operation, live: live, run: run)
    }

    public func undo(_ undo: ApplyMachine.Undo, live: JSONValue?, run: String) async throws {
        try await executor(for: undo.change).undo(undo, live: live, run: run)
    }
}

/// An apply could not go on: a target that changed owner, a cluster that is unreachable, a stale plan.
public struct ApplyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
