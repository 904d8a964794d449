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
                case .intent(let intent): steps.append(Step(step: intent.step, operation: intent.operation, before: intent.before))
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

    static func summaryJSON(_ run: Run) -> JSONValue {
        var summary: JSONValue = [
            "run": .string(run.id), "tenant": .string(run.header?.tenant ?? ""), "cluster": .string(run.header?.cluster ?? ""),
            "started": .string(run.header?.started ?? ""), "owner": .string(run.header?.owner ?? ""),
            "phase": .string(run.phase.rawValue), "interrupted": .bool(run.interrupted),
            "applied": .int(Int64(run.applied)), "failed": .int(Int64(run.failed)), "undone": .int(Int64(run.undone)),
        ]
        if !run.damaged.isEmpty { summary["damagedLines"] = .array(run.damaged.map { .int(Int64($0)) }) }
        return summary
    }

    static func listJSON(_ runs: [Run]) -> String {
        JSONValue.object(["runs": .array(runs.map(summaryJSON))]).jsonString(pretty: true) + "\n"
    }

    static func listText(_ runs: [Run], place: String) -> String {
        guard !runs.isEmpty else { return "no runs in \(place)\n" }
        let rows =
            [["RUN", "TENANT", "CLUSTER", "STARTED", "PHASE", "APPLIED", "FAILED", "UNDONE"]]
            + runs.map { run in
                [
                    run.id, run.header?.tenant ?? "-", run.header?.cluster ?? "-", run.header?.started ?? "-", run.phaseText,
                    String(run.applied), String(run.failed), String(run.undone),
                ]
            }
        return table(rows)
    }

    static func showJSON(_ run: Run) -> String {
        var value = summaryJSON(run)
        if case .object(var object) = value {
            object["steps"] = .array(
                run.steps.map { step in
                    [
                        "step": .string(step.step), "operation": .string(step.operation.rawValue),
                        "result": step.outcome.map { .string($0.result.rawValue) } ?? .null,
                        "message": step.outcome?.message.map { .string($0) } ?? .null,
                        "before": step.before ?? .null, "after": step.outcome?.after ?? .null,
                    ]
                })
            value = .object(object)
        }
        return value.jsonString(pretty: true) + "\n"
    }

    static func showText(_ run: Run) -> String {
        var text = """
            run      \(run.id)
            tenant   \(run.header?.tenant ?? "-")
            cluster  \(run.header?.cluster ?? "-")
            started  \(run.header?.started ?? "-")
            owner    \(run.header?.owner ?? "-")
            phase    \(run.phaseText)

            """
        guard !run.steps.isEmpty else { return text + "no steps\n" }
        text += "\n"
        let rows = run.steps.enumerated().map { index, step in
            [String(index + 1), step.operation.rawValue, step.step, step.resultText]
        }
        return text + table([["#", "OPERATION", "STEP", "RESULT"]] + rows)
    }

    /// Left-aligned columns two spaces apart, no trailing spaces.
    static func table(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
