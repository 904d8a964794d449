import JSON

/// `runs` as text (a table of runs, one run's steps) and as JSON.
extension RunsReport {
    static func summaryJSON(_ run: Run) -> JSONValue {
        var summary: JSONValue = [
            "run": .string(run.id), "tenant": .string(run.header?.tenant ?? ""),
            "cluster": .string(run.header?.cluster ?? ""),
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
                    run.id, run.header?.tenant ?? "-", run.header?.cluster ?? "-", run.header?.started ?? "-",
                    run.phaseText,
                    String(run.applied), String(run.failed), String(run.undone),
                ]
            }
        return TextTable.render(rows)
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
        return text + TextTable.render([["#", "OPERATION", "STEP", "RESULT"]] + rows)
    }
}
