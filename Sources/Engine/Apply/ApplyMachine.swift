import JSON
import TenancyCore

/// The apply engine as a pure state machine: the plan's changes and the journal records so far in, the
/// commands to start next out. No I/O: `ApplyRunner` performs the commands and feeds back what happened.
///
/// Forward, a change starts when every change it depends on is done, up to a concurrency limit. When one fails,
/// no new change starts; once the writes in flight end, the machine either stops (`failed`, for `resume` or
/// `rollback` later) or undoes every write this run made, newest first, one at a time. A journal cut short by
/// a crash rebuilds the same state: a write with an intent but no outcome is uncertain, performed again on
/// resume (the writer re-reads the target first) and undone on rollback. A write refused as stale wrote nothing:
/// its change is offered again, to be read and decided anew.
public struct ApplyMachine: Sendable {
    /// What to start now.
    public enum Command: Sendable, Hashable {
        /// Make the target of this change match the plan (re-reading it first).
        case perform(PlannedChange)
        /// Undo an earlier write of this run.
        case undo(Undo)
        /// Nothing is left to do: the run ends in this phase.
        case finish(RunPhase)
    }

    /// A write to undo: the change, what the write did, the target before it (nil when it did not exist) and
    /// after it (nil when the write's outcome was not journalled), so that an undo acts on that very object.
    public struct Undo: Sendable, Hashable {
        public var change: PlannedChange
        public var operation: Intent.Operation
        public var before: JSONValue?
        public var after: JSONValue?
        /// Until when the write may still land (seconds since 1970), while its outcome is unknown or a failure.
        public var landsBy: Double?
    }

    public let changes: [PlannedChange]
    public private(set) var phase: RunPhase
    /// The change that failed, with the server's message.
    public private(set) var failure: (step: String, message: String)?
    /// Why the rollback stopped, when an undo failed: it stops there, for another `rollback` later.
    public private(set) var rollbackFailure: String?
    private var done: Set<String>
    private var inFlight: Set<String> = []
    /// Writes this run made (or may have made), in the order they started.
    private var written: [Undo] = []
    private var undone: Set<String> = []
    /// Changes whose entry in `written` their latest intent added: a stale outcome takes it back.
    private var writtenByLatestIntent: Set<String> = []
    private let rollbackOnFailure: Bool
    /// The ids of `changes`: a dependency on anything else (a step the plan left out) counts as done.
    private let ids: Set<String>

    /// A new run over `changes` (no-ops and conflicts are never started: a plan with conflicts is not applied).
    public init(changes: [PlannedChange], rollbackOnFailure: Bool) {
        self.changes = changes
        self.rollbackOnFailure = rollbackOnFailure
        ids = Set(changes.map(\.id))
        phase = .applying
        done = Set(changes.filter { $0.action == .noOp }.map(\.id))
    }

    /// The state a journal describes, to continue it: `rollback` true makes it undo this run's writes. A run that
    /// ever began rolling back goes on rolling back (also when its rollback stopped on a failure): it never turns
    /// forward again.
    public init(changes: [PlannedChange], records: [JournalRecord], rollback: Bool) {
        // Phase records, not failures, decide the phase here: the run that wrote them journalled its choice.
        self.init(changes: changes, rollbackOnFailure: false)
        for record in records { self.record(record) }
        // Writes cut short by a crash: their outcome is unknown, so they count as written and not done.
        inFlight = []
        failure = nil
        rollbackFailure = nil
        let rollingBack = records.contains(.phase(.rollingBack)) || records.contains(.phase(.rolledBack))
        phase = rollback || rollingBack ? .rollingBack : .applying
    }

    /// Marks a change as started before its intent is journalled (its target is read first), so that `next`
    /// does not start it twice.
    public mutating func start(_ id: String) { inFlight.insert(id) }

    /// Feeds one journal record in.
    public mutating func record(_ record: JournalRecord) {
        switch record {
        case .begin: break
        case .phase(let next): phase = next
        case .intent(let intent):
            guard intent.operation != .undo else { return }
            inFlight.insert(intent.step)
            writtenByLatestIntent.remove(intent.step)
            if let index = written.firstIndex(where: { $0.change.id == intent.step }) {
                written[index].landsBy = max(written[index].landsBy ?? 0, intent.landsBy ?? 0)
            } else if let change = changes.first(where: { $0.id == intent.step }) {
                written.append(
                    Undo(change: change, operation: intent.operation, before: intent.before, landsBy: intent.landsBy))
                writtenByLatestIntent.insert(intent.step)
            }
        case .outcome(let outcome):
            inFlight.remove(outcome.step)
            if outcome.operation == .undo {
                if outcome.result == .failed {
                    rollbackFailure = outcome.message ?? "failed"
                } else {
                    undone.insert(outcome.step)
                }
                return
            }
            switch outcome.result {
            case .stale:
                // Refused by the server's precondition: nothing landed, so there is nothing to undo for it.
                if writtenByLatestIntent.remove(outcome.step) != nil {
                    written.removeAll { $0.change.id == outcome.step }
                }
            case .applied, .converged:
                writtenByLatestIntent.remove(outcome.step)
                done.insert(outcome.step)
                if let index = written.firstIndex(where: { $0.change.id == outcome.step }) {
                    written[index].after = outcome.after
                    written[index].landsBy = nil
                }
                if outcome.result == .converged { written.removeAll { $0.change.id == outcome.step } }
            case .failed:
                writtenByLatestIntent.remove(outcome.step)
                if outcome.uncertain != true, let index = written.firstIndex(where: { $0.change.id == outcome.step }) {
                    written[index].landsBy = nil  // the server answered: nothing of it lands later
                }
                // Kept in `written`: a failed write may still have landed, and undoing checks the live target.
                failure = failure ?? (outcome.step, outcome.message ?? "failed")
                if phase == .applying, rollbackOnFailure { phase = .rollingBack }
            }
        }
    }

    /// The commands to start now, with `limit` writes allowed in flight at once.
    public func next(limit: Int) -> [Command] {
        switch phase {
        case .succeeded, .failed, .rolledBack: return []
        case .rollingBack:
            guard inFlight.isEmpty else { return [] }
            if rollbackFailure != nil { return [.finish(.failed)] }
            guard let last = written.last(where: { !undone.contains($0.change.id) }) else {
                return [.finish(.rolledBack)]
            }
            return [.undo(last)]
        case .applying:
            if failure != nil {
                return inFlight.isEmpty ? [.finish(.failed)] : []
            }
            let pending = changes.filter { !done.contains($0.id) && $0.action != .conflict }
            if pending.isEmpty { return inFlight.isEmpty ? [.finish(.succeeded)] : [] }
            let ready = pending.filter { change in
                !inFlight.contains(change.id) && change.dependsOn.allSatisfy { done.contains($0) || !ids.contains($0) }
            }
            return ready.prefix(max(0, limit - inFlight.count)).map { .perform($0) }
        }
    }
}
