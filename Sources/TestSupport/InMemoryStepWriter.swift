import Engine
import Foundation
import JSON
import Synchronization
import TenancyCore

/// A `StepWriter` over objects kept in memory with the API server's write rules: a create fails when the target
/// exists, an update or delete when its resourceVersion moved (`StaleTarget` either way), every write bumps the
/// version, and created objects carry the run's mark. For running the engine without a cluster; it counts reads
/// and writes, and `beforeWrite` sees each write before it lands (to check the journal, or to stop the "process").
public final class InMemoryStepWriter: StepWriter, Sendable {
    private struct State {
        var objects: [String: JSONValue] = [:]
        var version = 0
        var reads = 0
        var writes: [String] = []
    }

    private let state = Mutex(State())
    /// Called with each write before it lands; a throw makes the write fail without landing.
    public let beforeWrite: @Sendable (PlannedChange, Intent.Operation) throws -> Void

    public init(beforeWrite: @escaping @Sendable (PlannedChange, Intent.Operation) throws -> Void = { _, _ in }) {
        self.beforeWrite = beforeWrite
    }

    /// The objects, by target.
    public var objects: [String: JSONValue] { state.withLock { $0.objects } }
    public var reads: Int { state.withLock { $0.reads } }
    /// `create ConfigMap t/a`, … in the order they landed.
    public var writes: [String] { state.withLock { $0.writes } }

    /// Puts an object in place (or removes it, with nil), as someone else's write would; returns its version.
    @discardableResult
    public func set(_ target: PlannedChange.Target, _ object: JSONValue?) -> String? {
        state.withLock { state in
            guard var object else {
                state.objects[target.description] = nil
                return nil
            }
            state.version += 1
            object["metadata"]?["resourceVersion"] = .string(String(state.version))
            state.objects[target.description] = object
            return String(state.version)
        }
    }

    public func read(_ change: PlannedChange) async throws -> JSONValue? {
        state.withLock { state in
            state.reads += 1
            return state.objects[change.target.description]
        }
    }

    public func write(_ change: PlannedChange, operation: Intent.Operation, live: JSONValue?, run: String) async throws
        -> JSONValue?
    {
        try beforeWrite(change, operation)
        return try state.withLock { state in
            let key = change.target.description
            let current = state.objects[key]
            guard current?["metadata"]?["resourceVersion"] == live?["metadata"]?["resourceVersion"] else {
                throw StaleTarget(change: change, detail: current == nil ? "it is gone" : "it changed")
            }
            state.writes.append("\(operation.rawValue) \(key)")
            switch operation {
            case .create, .update:
                var object =
                    operation == .create ? change.desired ?? [:] : Self.merge(current ?? [:], change.desired ?? [:])
                if operation == .create {
                    object["metadata"]?["annotations"] = [KubernetesStepWriter.runAnnotation: .string(run)]
                }
                state.version += 1
                object["metadata"]?["resourceVersion"] = .string(String(state.version))
                state.objects[key] = object
                return object
            case .delete, .undo:
                state.objects[key] = nil
                return nil
            }
        }
    }

    public func undo(_ undo: ApplyMachine.Undo, live: JSONValue?, run: String) async throws -> String? {
        state.withLock { state in
            let key = undo.change.target.description
            state.writes.append("undo \(key)")
            switch undo.operation {
            case .create:
                guard live?["metadata"]?["annotations"]?[KubernetesStepWriter.runAnnotation]?.stringValue == run else {
                    return "left alone: this run did not make it"
                }
                state.objects[key] = nil
            case .update, .delete:
                state.objects[key] = undo.before
            case .undo:
                break
            }
            return nil
        }
    }

    /// `patch` merged into `object` (RFC 7386, without deletions).
    private static func merge(_ object: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(var members) = object, case .object(let changes) = patch else { return patch }
        for (key, value) in changes { members[key] = merge(members[key] ?? .null, value) }
        return .object(members)
    }
}
