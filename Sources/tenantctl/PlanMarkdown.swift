import JSON
import TenancyCore

/// A plan for review in a pull request: per tenant a table of changes (unchanged objects counted), the field
/// changes of each update, the notes as a quote, and the summary line.
struct PlanMarkdown {
    /// One tenant's plan.
    func section(_ plan: Plan) -> String {
        var lines = [
            plan.offboarding
                ? "## Offboard tenant `\(plan.tenant)` from `\(plan.cluster)`"
                : "## Tenant `\(plan.tenant)` → `\(plan.cluster)`", "",
            "\(plan.isolation.rawValue.capitalized) isolation · Kubernetes \(plan.facts.version) · ValidatingAdmissionPolicy: \(plan.facts.admissionPolicyAPI.map { "`\($0)`" } ?? "not served")\(plan.offline ? " · planned offline" : "")",
            "",
        ]
        let shown = plan.changes.filter { $0.action != .noOp }
        if shown.isEmpty {
            lines.append(
                plan.offboarding
                    ? "Nothing to offboard: the cluster holds nothing of `\(plan.tenant)`."
                    : "No changes: the cluster matches the spec.")
        } else {
            lines += ["| Action | Object | Step | Details |", "|---|---|---|---|"]
            for change in shown {
                lines.append(
                    "| \(change.action.rawValue) | `\(Markdown.cell(change.target.description))` | `\(Markdown.cell(change.id))` | \(details(change)) |"
                )
            }
        }
        if !plan.notes.isEmpty {
            lines.append("")
            lines += plan.notes.map { "> **Note:** \($0)" }
        }
        lines += ["", "**\(PlanText(colour: false).summary(plan))**"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func details(_ change: PlannedChange) -> String {
        switch change.action {
        case .create: return "\(change.fields.count) field\(change.fields.count == 1 ? "" : "s")"
        case .update:
            return change.fields.map { field in
                "`\(Markdown.cell(field.path))`: \(field.before.map { "`\(Markdown.cell(PlanText.show($0)))`" } ?? "unset") → \(field.after.map { "`\(Markdown.cell(PlanText.show($0)))`" } ?? "unset")"
            }.joined(separator: "<br>")
        case .conflict: return Markdown.cell(change.message ?? "")
        case .delete:
            return
                ((change.irreversible ? ["**irreversible**"] : [])
                + change.holds.map { Markdown.cell("\($0.kind.rawValue): \($0.object): \($0.detail)") })
                .joined(separator: "<br>")
        case .noOp: return ""
        }
    }
}
