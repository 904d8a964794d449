import Engine
import JSON
import TenancyCore
import Testing

/// The apply state machine on its own: ordering by dependencies, the concurrency limit, failure leading to a
/// rollback newest first (or a stop with --no-rollback), and the same state rebuilt from a journal cut short.
@Suite struct ApplyMachineTests {
    static func change(_ id: String, _ action: PlannedChange.Action = .create, after: [String] = []) -> PlannedChange {
        PlannedChange(
            id: id, stepID: id, dependsOn: after, action: action,
            target: .object(ObjectKey(apiVersion: "v1", kind: "ConfigMap", namespace: "t", name: id)),
            desired: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(id), "namespace": "t"]])
    }

    static let plan = [
        change("ns"), change("quota", after: ["ns"]), change("limits", after: ["ns"]), change("same", .noOp),
        change("binding", after: ["quota", "same"]),
    ]

    static func performed(_ commands: [ApplyMachine.Command]) -> [String] {
        commands.compactMap { if case .perform(let change) = $0 { return change.id } else { return nil } }
    }

    /// Records that a step was written (intent and outcome).
    static func wrote(_ id: String, _ result: Outcome.Result = .applied, before: JSONValue? = nil) -> [JournalRecord] {
        [
            .intent(Intent(step: id, operation: .create, before: before)),
            .outcome(Outcome(step: id, operation: .create, result: result, message: result == .failed ? "boom" : nil)),
        ]
    }

    @Test func changesStartWhenTheirDependenciesAreDoneWithinTheLimit() {
        var machine = ApplyMachine(changes: Self.plan, rollbackOnFailure: true)
        #expect(Self.performed(machine.next(limit: 4)) == ["ns"])
        machine.start("ns")
        #expect(machine.next(limit: 4).isEmpty)
        for record in Self.wrote("ns") { machine.record(record) }
        #expect(Self.performed(machine.next(limit: 1)) == ["quota"])
        #expect(Self.performed(machine.next(limit: 4)) == ["quota", "limits"])
        for id in ["quota", "limits"] { machine.start(id) }
        for record in Self.wrote("quota") { machine.record(record) }
        // binding waits for limits? No: it depends on quota and the no-op "same" only.
        #expect(Self.performed(machine.next(limit: 4)) == ["binding"])
        for record in Self.wrote("limits") + Self.wrote("binding") { machine.record(record) }
        #expect(machine.next(limit: 4) == [.finish(.succeeded)])
    }

    @Test func aFailureUndoesTheRunsWritesNewestFirst() {
        var machine = ApplyMachine(changes: Self.plan, rollbackOnFailure: true)
        for record in Self.wrote("ns") + Self.wrote("quota") + Self.wrote("limits", .failed) { machine.record(record) }
        #expect(machine.phase == .rollingBack)
        #expect(machine.failure?.step == "limits")
        var undone: [String] = []
        while case .undo(let undo)? = machine.next(limit: 4).first {
            undone.append(undo.change.id)
            machine.start(undo.change.id)
            #expect(machine.next(limit: 4).isEmpty, "one undo at a time")
            machine.record(.intent(Intent(step: undo.change.id, operation: .undo, before: nil)))
            machine.record(.outcome(Outcome(step: undo.change.id, operation: .undo, result: .applied)))
        }
        // The failed write is undone too: it may have landed before failing (undo re-reads the target).
        #expect(undone == ["limits", "quota", "ns"])
        #expect(machine.next(limit: 4) == [.finish(.rolledBack)])
    }

    @Test func withoutRollbackAFailureStopsOnceWritesInFlightEnd() {
        var machine = ApplyMachine(changes: Self.plan, rollbackOnFailure: false)
        for record in Self.wrote("ns") { machine.record(record) }
        machine.start("quota")
        machine.start("limits")
        for record in Self.wrote("limits", .failed) { machine.record(record) }
        #expect(machine.next(limit: 4).isEmpty, "quota is still in flight")
        for record in Self.wrote("quota") { machine.record(record) }
        #expect(machine.next(limit: 4) == [.finish(.failed)])
    }

    @Test func aJournalCutShortResumesWithTheUncertainWriteAgain() {
        let records: [JournalRecord] =
            Self.wrote("ns") + [.intent(Intent(step: "quota", operation: .create, before: nil))]
        let resumed = ApplyMachine(changes: Self.plan, records: records, rollback: false)
        #expect(resumed.phase == .applying)
        #expect(Self.performed(resumed.next(limit: 4)) == ["quota", "limits"])
    }

    @Test func aJournalCutShortRollsBackTheUncertainWriteToo() {
        let records: [JournalRecord] =
            Self.wrote("ns") + [.intent(Intent(step: "quota", operation: .create, before: nil))]
        var machine = ApplyMachine(changes: Self.plan, records: records, rollback: true)
        guard case .undo(let first)? = machine.next(limit: 4).first else {
            Issue.record("no undo")
            return
        }
        #expect(first.change.id == "quota")
        machine.record(.outcome(Outcome(step: "quota", operation: .undo, result: .applied)))
        guard case .undo(let second)? = machine.next(limit: 4).first else {
            Issue.record("no second undo")
            return
        }
        #expect(second.change.id == "ns")
    }

    @Test func convergedStepsAreNotUndoneAndFailedUndosStopTheRollback() {
        var machine = ApplyMachine(changes: Self.plan, rollbackOnFailure: true)
        machine.record(.outcome(Outcome(step: "ns", operation: .update, result: .converged)))
        for record in Self.wrote("quota") + Self.wrote("limits", .failed) { machine.record(record) }
        machine.record(.outcome(Outcome(step: "limits", operation: .undo, result: .applied)))
        machine.record(.outcome(Outcome(step: "quota", operation: .undo, result: .failed, message: "forbidden")))
        #expect(machine.next(limit: 4) == [.finish(.failed)])
        #expect(machine.rollbackFailure == "forbidden")
        // A later rollback tries again, and leaves alone what this run never wrote.
        let again = ApplyMachine(
            changes: Self.plan, records: Self.wrote("quota") + Self.wrote("limits", .failed), rollback: true)
        guard case .undo(let undo)? = again.next(limit: 4).first else {
            Issue.record("no undo")
            return
        }
        #expect(undo.change.id == "limits")
    }

    @Test func aRunWhoseRollbackStoppedGoesOnRollingBackWhenResumed() {
        // The rollback stopped on a failed undo (the cluster went away), so the run ended failed.
        let records: [JournalRecord] =
            Self.wrote("ns") + Self.wrote("quota", .failed) + [.phase(.rollingBack)]
            + [
                .intent(Intent(step: "quota", operation: .undo, before: nil)),
                .outcome(Outcome(step: "quota", operation: .undo, result: .failed, message: "connection refused")),
                .phase(.failed),
            ]
        let resumed = ApplyMachine(changes: Self.plan, records: records, rollback: false)
        #expect(resumed.phase == .rollingBack, "resume continues the rollback, never the apply")
        guard case .undo(let undo)? = resumed.next(limit: 4).first else {
            Issue.record("no undo: \(resumed.next(limit: 4))")
            return
        }
        #expect(undo.change.id == "quota")
    }

    @Test func aStaleOutcomeOffersTheChangeAgainAndLeavesNothingToUndo() {
        var machine = ApplyMachine(changes: Self.plan, rollbackOnFailure: true)
        machine.start("ns")
        machine.record(.intent(Intent(step: "ns", operation: .create, before: nil)))
        machine.record(.outcome(Outcome(step: "ns", operation: .create, result: .stale)))
        #expect(Self.performed(machine.next(limit: 4)) == ["ns"], "offered again, to be read and decided anew")
        machine.record(.outcome(Outcome(step: "ns", operation: .update, result: .failed, message: "boom")))
        #expect(machine.next(limit: 4) == [.finish(.rolledBack)], "the refused create wrote nothing to undo")
    }
}
