import Foundation
import JSON
import TenancyCore

/// What the engine is doing, for the CLI to render; the engine never prints.
public enum ApplyEvent: Sendable {
    case will(PlannedChange, Intent.Operation)
    case did(PlannedChange, Intent.Operation, Outcome.Result, message: String?)
    case phase(RunPhase)
}

/// Drives an `ApplyMachine`: performs its commands with the executor, journals every intent before its write
/// and every outcome after it, and feeds the records back to the machine until it finishes.
public struct ApplyRunner: Sendable {
    public let store: any JournalStore
    public let executor: any StepExecutor
    public let run: String
    public let concurrency: Int
    public let events: @Sendable (ApplyEvent) -> Void
    /// One append at a time: concurrent steps share the run's journal.
    private let appending = NSLock()

    public init(
        store: any JournalStore, executor: any StepExecutor, run: String, concurrency: Int,
        events: @escaping @Sendable (ApplyEvent) -> Void
    ) {
        self.store = store
        self.executor = executor
        self.run = run
        self.concurrency = max(1, concurrency)
        self.events = events
    }

    /// Runs the machine to its end; returns it in its final phase.
    public func drive(_ start: ApplyMachine) async throws -> ApplyMachine {
        var machine = start
        var journalled = machine.phase
        try await withThrowingTaskGroup(of: [JournalRecord].self) { group in
            while true {
                for command in machine.next(limit: concurrency) {
                    switch command {
                    case .finish(let phase):
                        if phase != journalled { try append(.phase(phase)) }
                        machine.record(.phase(phase))
                        events(.phase(phase))
                        return
                    case .perform(let change):
                        machine.start(change.id)
                        group.addTask { try await perform(change) }
                    case .undo(let undo):
                        machine.start(undo.change.id)
                        group.addTask { try await self.undo(undo) }
                    }
                }
                // No write in flight and nothing to start: the machine is stuck.
                guard let records = try await group.next() else {
                    throw ApplyError("the apply engine has nothing to do but has not finished (phase \(machine.phase.rawValue))")
                }
                for record in records { machine.record(record) }
                if machine.phase != journalled {
                    try append(.phase(machine.phase))
                    journalled = machine.phase
                    events(.phase(machine.phase))
                }
            }
        }
        return machine
    }

    /// Reads the target, decides what it needs now, journals the intent, writes, and returns the records.
    private func perform(_ change: PlannedChange) async throws -> [JournalRecord] {
        let live: JSONValue?
        do {
            live = try await executor.read(change)
        } catch {
            return [try outcome(Outcome(step: change.id, operation: .update, result: .failed, message: "\(error)"), change)]
        }
        let now = Planner.recheck(change, live: live)
        let operation: Intent.Operation
        switch now.action {
        case .noOp: return [try outcome(Outcome(step: change.id, operation: .update, result: .converged), change)]
        case .conflict:
            return [try outcome(Outcome(step: change.id, operation: .update, result: .failed, message: now.message), change)]
        case .create: operation = .create
        case .update: operation = .update
        case .delete: operation = .delete
        }
        let intent = JournalRecord.intent(Intent(step: change.id, operation: operation, before: live))
        try append(intent)
        events(.will(change, operation))
        do {
            let after = try await executor.write(now, operation: operation, live: live, run: run)
            return [intent, try outcome(Outcome(step: change.id, operation: operation, result: .applied, after: after), change)]
        } catch {
            return [intent, try outcome(Outcome(step: change.id, operation: operation, result: .failed, message: "\(error)"), change)]
        }
    }

    private func undo(_ undo: ApplyMachine.Undo) async throws -> [JournalRecord] {
        let intent = JournalRecord.intent(Intent(step: undo.change.id, operation: .undo, before: nil))
        try append(intent)
        events(.will(undo.change, .undo))
        do {
            let live = try await executor.read(undo.change)
            try await executor.undo(undo, live: live, run: run)
            return [intent, try outcome(Outcome(step: undo.change.id, operation: .undo, result: .applied), undo.change)]
        } catch {
            return [intent, try outcome(Outcome(step: undo.change.id, operation: .undo, result: .failed, message: "\(error)"), undo.change)]
        }
    }

    /// Journals an outcome and reports it.
    private func outcome(_ outcome: Outcome, _ change: PlannedChange) throws -> JournalRecord {
        let record = JournalRecord.outcome(outcome)
        try append(record)
        events(.did(change, outcome.operation, outcome.result, message: outcome.message))
        return record
    }

    private func append(_ record: JournalRecord) throws {
        appending.lock()
        defer { appending.unlock() }
        try store.append(record, run: run)
    }
}
