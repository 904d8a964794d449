import Engine
import Foundation
import JSON

/// What `tenantctl runs` prints about journalled runs: a summary line per run, or one run's steps.
struct RunsReport {
    /// One run, summarised from its journal.
    struct Run {
        var id: String
        var header: RunHeader?
        var phase: RunPhase
        /// No final phase and the process that began the run is gone.
        var interrupted: Bool
        var steps: [Step]
        /// Lines of the journal that do not decode (it was damaged): the run is shown as far as it can be read.
        var damaged: [Int]

        init(id: String, records: [JournalRecord], damaged: [Int] = []) {
            self.id = id
            self.damaged = damaged
            steps = []
            var lastPhase: RunPhase?
            for record in records {
                switch record {
                case .begin(let header): self.header = header
                case .phase(let phase): lastPhase = phase
                case .intent(let intent):
                    steps.append(Step(step: intent.step, operation: intent.operation, before: intent.before))
                case .outcome(let outcome):
                    if let open = steps.lastIndex(where: { $0.matches(outcome) }) {
                        steps[open].outcome = outcome
                    } else {
                        steps.append(Step(step: outcome.step, operation: outcome.operation, outcome: outcome))
                    }
                }
            }
            phase = lastPhase ?? .applying
            interrupted = !phase.isFinal && header?.ownerHasExited == true
        }

        var applied: Int { steps.count { $0.operation != .undo && $0.outcome?.result == .applied } }
        var failed: Int { steps.count { $0.outcome?.result == .failed } }
        var undone: Int { steps.count { $0.operation == .undo && $0.outcome?.result == .applied } }
        var phaseText: String {
            guard damaged.isEmpty else { return "damaged (line \(damaged.map(String.init).joined(separator: ", ")))" }
            return phase.rawValue + (interrupted ? " (interrupted?)" : "")
        }
    }

    /// A write of a run: its intent and, once recorded, its outcome.
    struct Step {
        var step: String
        var operation: Intent.Operation
        var before: JSONValue?
        var outcome: Outcome?

        func matches(_ outcome: Outcome) -> Bool {
            self.outcome == nil && step == outcome.step && operation == outcome.operation
        }

        var resultText: String {
            guard let outcome else { return "no outcome" }
            return outcome.result.rawValue + (outcome.message.map { ": \($0)" } ?? "")
        }
    }
}
