import Foundation
import TenancyCore

extension DecisionReport {
    /// For pasting into a review: per tenant a heading, a table of choices and reasons, a cost table, the
    /// budget verdict and the problems.
    func markdown() -> String {
        var lines = [
            "# tenantctl decide",
            "",
            "Prices: `\(catalogFile)` (\(catalog.currency), \(catalog.region), source \(catalog.source.date)); "
                + "a month is \(PriceCatalog.hoursPerMonth) h. \(summary).",
        ]
        for entry in entries {
            lines.append("")
            lines += tenantMarkdown(entry)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func tenantMarkdown(_ entry: Entry) -> [String] {
        let decision = entry.decision
        let status = decision.placeable ? "placed" : "**cannot be placed**"
        var lines = [
            "## \(decision.tenant): \(decision.isolation.rawValue) isolation (\(status))",
            "",
            "\(Markdown.cell(DecisionLabels.summary(decision))). Spec: `\(entry.tenant.source.file)`; required \(decision.required.rawValue), chosen \(decision.isolation.rawValue).",
            "",
            "| choice | decision | why |",
            "|---|---|---|",
        ]
        for topic in DecisionLabels.topics {
            let why = entry.reasons(topic).map { reason -> String in
                let cite = Self.cite(reason)
                return "\(cite.guidance)\(reason.text)\(cite.fields)"
            }
            lines.append(
                "| \(DecisionLabels.title(topic)) | \(Markdown.cell(DecisionLabels.value(topic, decision))) | \(why.map(Markdown.cell).joined(separator: "<br>")) |"
            )
        }
        let cost = decision.cost
        lines += [
            "",
            "| option | item | per hour (\(cost.currency)) | per month (\(cost.currency)) |",
            "|---|---|---:|---:|",
        ]
        for option in [cost.logical, cost.physical] {
            let name = option.isolation.rawValue + (option.isolation == decision.isolation ? " (chosen)" : "")
            for (index, item) in option.items.enumerated() {
                let label = item.label + (item.confirmed ? "" : " \\*") + (item.basis.map { "<br>_\($0)_" } ?? "")
                lines.append(
                    "| \(index == 0 ? name : "") | \(Markdown.cell(label)) | \(DecisionLabels.hourly(item.hourly)) | \(DecisionLabels.monthly(item.monthly)) |"
                )
            }
            let total = option.isComplete ? "**total**" : "**total (incomplete)**"
            lines.append(
                "| \(option.items.isEmpty ? name : "") | \(total) | **\(DecisionLabels.hourly(option.hourly))** | **\(DecisionLabels.monthly(option.monthly))** |"
            )
        }
        lines += [
            "",
            "Shared nodes assumed \(DecimalFormat.percent(cost.utilization)) utilised; \(DecisionLabels.difference(cost)). \\\(DecisionLabels.unconfirmed)",
            "",
            "**Budget:** \(Markdown.cell(decision.budget.reason.text))",
        ]
        let problems = entry.problems(in: workspace)
        if !problems.isEmpty {
            lines.append("")
            lines += problems.map {
                "- **\($0.severity.rawValue)** `\($0.file):\($0.line):\($0.column)` \($0.path.isEmpty ? "" : "`\($0.path)`: ")\(Markdown.cell($0.message))"
            }
        }
        return lines
    }
}
