import Foundation
import JSON
import TenancyCore

/// What the engine is doing, for the CLI to render; the engine never prints.
public enum ApplyEvent: Sendable {
    case will(PlannedChange, Intent.Operation)
    /// An undo waits this long first: the write it undoes was cut off and may still land until then.
    case waiting(PlannedChange, Duration)
    case did(PlannedChange, Intent.Operation, Outcome.Result, message: String?)
    case phase(RunPhase)
}

/// Drives an `ApplyMachine`: performs its commands with the writer and feeds what happened back to the machine
/// until it finishes.
///
/// Only the driver journals, in commits: the outcomes that came back and the intents of the writes about to start
/// go in one `append` (one `fsync`), and those writes are sent only once it returns — an intent is always durable
/// before its write. A change whose target the plan observed moments ago (`observed`, with `trustObserved`) is
/// written without reading it first; the write is conditional, and a stale one comes back for a read and a fresh
/// decision. Anything else — resumes, rollbacks, cloud resources — is read first.
public struct ApplyRunner: Sendable {
    public let store: any JournalStore
    public let writer: any StepWriter
    public let run: String
    public let concurrency: Int
    /// Whether the changes' `observed` targets are fresh (an apply right after its plan).
    public let trustObserved: Bool
    /// How long a write may take to land (its request's time limit): an intent records until when, so that an undo
    /// of a write cut off waits until it can no longer land.
    public let writeWindow: Duration
    /// How the runner waits (for a write cut off to land).
    public let sleep: @Sendable (Duration) async throws -> Void
    /// Throws when the run no longer holds its tenant (its lock or claim was taken over): checked before every
    /// commit of intents, so that a run that lost its tenant stops before its next write.
    public let stillHolding: @Sendable () async throws -> Void
    public let events: @Sendable (ApplyEvent) -> Void

    /// How often one change may be refused as stale before it fails: its target keeps changing under it.
    static let staleLimit = 3

    public init(
        store: any JournalStore, writer: any StepWriter, run: String, concurrency: Int, trustObserved: Bool = false,
        writeWindow: Duration = .seconds(60),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        stillHolding: @escaping @Sendable () async throws -> Void = {},
        events: @escaping @Sendable (ApplyEvent) -> Void
    ) {
        self.stillHolding = stillHolding
        self.store = store
        self.writer = writer
        self.run = run
        self.concurrency = max(1, concurrency)
        self.trustObserved = trustObserved
        self.writeWindow = writeWindow
        self.sleep = sleep
        self.events = events
    }

    /// What a task of the driver brings back.
    private enum Finished: Sendable {
        /// The target as it is now (read before deciding a write), or why it could not be read.
        case read(PlannedChange, Result<JSONValue?, any Error>)
        /// A write and its result.
        case wrote(PlannedChange, Intent.Operation, Result<JSONValue?, any Error>)
        /// An undo and its result: nil when undone, else why the target was left as it is.
        case undid(PlannedChange, Result<String?, any Error>)
    }

    /// A write decided and journalled, to start once its intent is committed.
    private enum Write: Sendable {
        case change(PlannedChange, Intent.Operation, live: JSONValue?)
        case undo(ApplyMachine.Undo)
    }

    /// Runs the machine to its end; returns it in its final phase. Tasks that finish while the driver commits are
    /// taken together, so that their outcomes and the intents they let start go in one commit. A new run passes its
    /// `header`: the journal begins with the first commit.
    public func drive(_ start: ApplyMachine, beginning header: RunHeader? = nil) async throws -> ApplyMachine {
        var driver = Driver(runner: self, machine: start, header: header)
        let inbox = Inbox<Finished>()
        try await withThrowingTaskGroup(of: Void.self) { group in
            while true {
                let journalled = driver.records.count
                for command in driver.machine.next(limit: concurrency) {
                    switch command {
                    case .finish(let phase):
                        try await driver.finish(phase)
                        return
                    case .perform(let change):
                        driver.machine.start(change.id)
                        if trustObserved, let observed = change.observed, driver.staleCounts[change.id] == nil {
                            driver.decide(change, live: observed.object)
                        } else {
                            group.addTask {
                                inbox.put(.read(change, await Result(catching: { try await writer.read(change) })))
                            }
                        }
                    case .undo(let undo):
                        driver.machine.start(undo.change.id)
                        driver.journal(
                            .intent(Intent(step: undo.change.id, operation: .undo, before: nil)), undo.change)
                        driver.writes.append(.undo(undo))
                    }
                }
                // Decisions made without a read (an observed target, an undo's intent) may let the machine go on.
                let progressed = driver.records.count != journalled
                for write in try await driver.commit() {
                    switch write {
                    case .change(let change, let operation, let live):
                        group.addTask {
                            let result = await Result(catching: {
                                try await writer.write(change, operation: operation, live: live, run: run)
                            })
                            inbox.put(.wrote(change, operation, result))
                        }
                    case .undo(let undo):
                        group.addTask {
                            let result = await Result(catching: {
                                try await waitUntilLanded(undo)
                                let live = try await writer.read(undo.change)
                                return try await writer.undo(undo, live: live, run: run)
                            })
                            inbox.put(.undid(undo.change, result))
                        }
                    }
                }
                if progressed { continue }
                var finished = inbox.takeAll()
                while finished.isEmpty {
                    // Nothing in flight and nothing to start: the machine is stuck.
                    guard try await group.next() != nil else {
                        throw ApplyError(
                            "the apply engine has nothing to do but has not finished (phase \(driver.machine.phase.rawValue))"
                        )
                    }
                    finished = inbox.takeAll()
                }
                for task in finished { driver.take(task) }
            }
        }
        return driver.machine
    }

    /// Waits until a write cut off (its outcome unknown, or a failure) can no longer land, so that the undo reads
    /// what it left.
    private func waitUntilLanded(_ undo: ApplyMachine.Undo) async throws {
        guard let landsBy = undo.landsBy else { return }
        let left = landsBy - Date().timeIntervalSince1970
        guard left > 0 else { return }
        let pause = Duration.milliseconds(Int64(left * 1000) + 1)
        events(.waiting(undo.change, pause))
        try await sleep(pause)
    }

    /// The driver's state between commits: the machine, the records and writes waiting for the next commit.
    private struct Driver {
        let runner: ApplyRunner
        var machine: ApplyMachine
        var journalled: RunPhase
        var records: [JournalRecord] = []
        var writes: [Write] = []
        var staleCounts: [String: Int] = [:]
        /// The header of a new run whose journal the next commit begins.
        var header: RunHeader?

        init(runner: ApplyRunner, machine: ApplyMachine, header: RunHeader?) {
            self.runner = runner
            self.machine = machine
            self.header = header
            journalled = machine.phase
        }

        /// Queues a record for the next commit and feeds it to the machine; reports what it means.
        mutating func journal(_ record: JournalRecord, _ change: PlannedChange) {
            records.append(record)
            machine.record(record)
            switch record {
            case .intent(let intent): runner.events(.will(change, intent.operation))
            case .outcome(let outcome):
                runner.events(.did(change, outcome.operation, outcome.result, message: outcome.message))
            case .begin, .phase: break
            }
            if machine.phase != journalled {
                records.append(.phase(machine.phase))
                journalled = machine.phase
                runner.events(.phase(machine.phase))
            }
        }

        /// Decides what `change` needs, its target being `live`: nothing, a failure, or a write to journal.
        mutating func decide(_ change: PlannedChange, live: JSONValue?) {
            let now = StepDiff.recheck(change, live: live)
            let operation: Intent.Operation
            switch now.action {
            case .noOp:
                journal(.outcome(Outcome(step: change.id, operation: .update, result: .converged)), change)
                return
            case .conflict:
                journal(
                    .outcome(Outcome(step: change.id, operation: .update, result: .failed, message: now.message)),
                    change)
                return
            case .create: operation = .create
            case .update: operation = .update
            case .delete: operation = .delete
            }
            let landsBy = Date().timeIntervalSince1970 + Double(runner.writeWindow.components.seconds)
            journal(.intent(Intent(step: change.id, operation: operation, before: live, landsBy: landsBy)), change)
            writes.append(.change(now, operation, live: live))
        }

        /// Feeds a finished task in.
        mutating func take(_ finished: Finished) {
            switch finished {
            case .read(let change, .success(let live)):
                decide(change, live: live)
            case .read(let change, .failure(let error)):
                journal(
                    .outcome(Outcome(step: change.id, operation: .update, result: .failed, message: "\(error)")), change
                )
            case .wrote(let change, let operation, .success(let after)):
                journal(
                    .outcome(Outcome(step: change.id, operation: operation, result: .applied, after: after)), change)
            case .wrote(let change, let operation, .failure(let error as StaleTarget)):
                let count = staleCounts[change.id, default: 0] + 1
                staleCounts[change.id] = count
                let result: Outcome.Result = count < ApplyRunner.staleLimit ? .stale : .failed
                let message =
                    result == .stale
                    ? "\(error)" : "\(change.target) kept changing while tenantctl wrote it; apply again"
                journal(
                    .outcome(Outcome(step: change.id, operation: operation, result: result, message: message)), change)
            case .wrote(let change, let operation, .failure(let error)):
                let uncertain = WriteFailure.unanswered(error) ? true : nil
                journal(
                    .outcome(
                        Outcome(
                            step: change.id, operation: operation, result: .failed, message: "\(error)",
                            uncertain: uncertain)),
                    change)
            case .undid(let change, .success(nil)):
                journal(.outcome(Outcome(step: change.id, operation: .undo, result: .applied)), change)
            case .undid(let change, .success(let note?)):
                journal(.outcome(Outcome(step: change.id, operation: .undo, result: .converged, message: note)), change)
            case .undid(let change, .failure(let error)):
                journal(
                    .outcome(Outcome(step: change.id, operation: .undo, result: .failed, message: "\(error)")), change)
            }
        }

        /// Commits the queued records in one append when writes wait for their intents; returns the writes that
        /// may now start. Outcomes alone wait for the next commit (or the last): one lost in a crash leaves its
        /// write uncertain, which resume re-reads and rollback undoes all the same.
        mutating func commit() async throws -> [Write] {
            guard !writes.isEmpty else { return [] }
            try await runner.stillHolding()
            try await commitAll()
            defer { writes = [] }
            return writes
        }

        /// Commits whatever is queued, beginning the journal of a new run.
        mutating func commitAll() async throws {
            if let header {
                try await runner.store.begin(header, with: records)
                self.header = nil
            } else if !records.isEmpty {
                try await runner.store.append(records, run: runner.run)
            }
            records = []
        }

        /// Commits what is queued and the final phase.
        mutating func finish(_ phase: RunPhase) async throws {
            if phase != journalled { records.append(.phase(phase)) }
            machine.record(.phase(phase))
            try await commitAll()
            runner.events(.phase(phase))
        }
    }
}
