import Foundation
import TenancyCore

extension DecisionReport {
    static let width = 112

    /// Per tenant: the decision in a line, each choice with its reasons, both options' costs, the budget
    /// verdict, then warnings and errors as `file:line:col` lines.
    func text() -> String {
        var lines: [String] = []
        for entry in entries {
            lines += tenantText(entry)
            lines.append("")
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    private func tenantText(_ entry: Entry) -> [String] {
        let decision = entry.decision
        let mark = decision.placeable ? "placed" : "CANNOT BE PLACED"
        var lines = Self.wrap(
            "\(decision.tenant) — \(mark): \(DecisionLabels.summary(decision))", first: "", indent: "    ")
        lines.append(
            "  from \(entry.tenant.source.file); required \(decision.required.rawValue) isolation, chosen \(decision.isolation.rawValue)"
        )
        lines.append("")
        for topic in DecisionLabels.topics {
            let flagged = decision.reasons.filter { $0.topic == topic && $0.kind != .reason }
            let note = flagged.isEmpty ? "" : "   (\(Self.count(flagged)), below)"
            lines.append(
                "  " + DecisionLabels.title(topic).padding(toLength: 12, withPad: " ", startingAt: 0)
                    + DecisionLabels.value(topic, decision) + note)
            for reason in entry.reasons(topic) {
                let cite = Self.cite(reason)
                lines += Self.wrap(
                    "\(cite.guidance)\(reason.text)\(cite.fields)", first: "      - ", indent: "        ")
            }
        }
        lines.append("")
        lines += costText(decision.cost, chosen: decision.isolation)
        lines += Self.wrap("budget: \(decision.budget.reason.text)", first: "  ", indent: "    ")
        let problems = entry.problems(in: workspace)
        if !problems.isEmpty {
            lines.append("")
            lines += problems.map { "  \($0)" }
        }
        return lines
    }

    private func costText(_ cost: CostComparison, chosen: Decision.Isolation) -> [String] {
        let options = [cost.logical, cost.physical]
        let labelWidth = max(40, options.flatMap(\.items).map { $0.label.count + 2 }.max() ?? 0)
        func row(_ label: String, _ hourly: String, _ monthly: String) -> String {
            "      " + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(1, 10 - hourly.count)) + hourly
                + String(repeating: " ", count: max(1, 12 - monthly.count)) + monthly
        }
        var lines = [
            "  cost in \(cost.currency) (\(PriceCatalog.hoursPerMonth) h a month; shared nodes \(DecimalFormat.percent(cost.utilization)) utilised)",
            row("", "per hour", "per month"),
        ]
        for option in options {
            lines.append("    \(option.isolation.rawValue)\(option.isolation == chosen ? " (chosen)" : "")")
            for item in option.items {
                lines.append(
                    row(
                        item.label + (item.confirmed ? "" : " *"), DecisionLabels.hourly(item.hourly),
                        DecisionLabels.monthly(item.monthly)))
                if let basis = item.basis { lines += Self.wrap(basis, first: "        ", indent: "        ") }
            }
            let total = option.isComplete ? "total" : "total (incomplete: see the errors)"
            lines.append(row(total, DecisionLabels.hourly(option.hourly), DecisionLabels.monthly(option.monthly)))
        }
        lines.append("    \(DecisionLabels.difference(cost))")
        if options.flatMap(\.items).contains(where: { !$0.confirmed }) {
            lines.append("    \(DecisionLabels.unconfirmed)")
        }
        return lines
    }

    /// `1 error, 2 warnings`.
    static func count(_ reasons: [Reason]) -> String {
        let errors = reasons.filter { $0.kind == .error }.count, warnings = reasons.count - errors
        let parts = [(errors, "error"), (warnings, "warning")].filter { $0.0 > 0 }.map {
            "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")"
        }
        return parts.joined(separator: ", ")
    }

    /// Words wrapped to the report's width; the first line starts with `first`, the rest with `indent`.
    static func wrap(_ text: String, first: String, indent: String) -> [String] {
        var lines: [String] = []
        var line = first
        for word in text.split(separator: " ") {
            let prefix = lines.isEmpty ? first : indent
            if line.count > prefix.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent + word
            } else {
                line += (line.count > prefix.count ? " " : "") + word
            }
        }
        lines.append(line)
        return lines
    }
}
