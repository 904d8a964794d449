import Foundation
import JSON
import TenancyCore

/// A plan as `terraform plan` shows one: a symbol per change (`+` create, `~` update, `-` delete, `!` conflict),
/// the fields under it, unchanged objects counted but not listed, the notes, and the summary line.
struct PlanText {
    /// ANSI colour for the symbols and headers (on a terminal).
    let colour: Bool

    /// One tenant's plan.
    func section(_ plan: Plan) -> String {
        let facts = plan.facts
        let origin =
            plan.offline
            ? "planned offline" : facts.origin == .discovered ? "read from the server" : "cluster not created yet"
        var lines = [
            plan.offboarding
                ? "Offboard tenant \(plan.tenant) from \(plan.cluster) (Kubernetes \(facts.version))"
                : "Tenant \(plan.tenant) → \(plan.cluster) (\(plan.isolation.rawValue) isolation; Kubernetes \(facts.version), \(origin))",
            "",
        ]
        let shown = plan.changes.filter { $0.action != .noOp }
        if shown.isEmpty {
            lines.append(
                plan.offboarding
                    ? "  Nothing to offboard: the cluster holds nothing of \(plan.tenant)."
                    : "  No changes: the cluster matches the spec.")
        }
        for change in shown {
            let irreversible = change.irreversible ? paint("  IRREVERSIBLE", .conflict) : ""
            lines.append(
                "  \(paint(symbol(change.action), change.action)) \(paint(change.target.description, change.action))  (\(change.id))\(irreversible)"
            )
            if let message = change.message { lines.append("      \(message)") }
            lines += change.holds.map { "      \($0.kind.rawValue): \($0.object): \($0.detail)" }
            for field in change.fields {
                lines.append("      \(fieldLine(field, change.action))")
                lines += Self.decodedScript(field).map { "          | \($0)" }
            }
        }
        if !plan.notes.isEmpty {
            lines += ["", "Notes:"] + plan.notes.map { "  - \($0)" }
        }
        lines += ["", summary(plan)]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Plan: 3 to add, 1 to change, 0 to destroy.` with unchanged objects and conflicts after it.
    func summary(_ plan: Plan) -> String {
        var line =
            "Plan: \(plan.count(.create)) to add, \(plan.count(.update)) to change, \(plan.count(.delete)) to destroy."
        var extra: [String] = []
        let irreversible = plan.changes.filter { $0.action == .delete && $0.irreversible }.count
        if irreversible > 0 { extra.append("\(irreversible) irreversible") }
        if plan.count(.noOp) > 0 { extra.append("\(plan.count(.noOp)) unchanged") }
        let conflicts = plan.count(.conflict)
        if conflicts > 0 {
            extra.append("\(conflicts) conflict\(conflicts == 1 ? "" : "s"): apply stops before any write")
        }
        if !extra.isEmpty { line += " (\(extra.joined(separator: "; ")))" }
        return line
    }

    private func fieldLine(_ field: FieldChange, _ action: PlannedChange.Action) -> String {
        switch (field.before, field.after) {
        case (nil, let after?): return "+ \(field.path) = \(Self.show(after))"
        case (let before?, nil): return "- \(field.path) = \(Self.show(before))"
        case (let before?, let after?): return "~ \(field.path): \(Self.show(before)) → \(Self.show(after))"
        case (nil, nil): return "  \(field.path)"
        }
    }

    static func show(_ value: JSONValue) -> String { value.jsonString() }

    /// The lines of a node pool's post-install script, which CCE takes base64-encoded: a reviewer reads the
    /// script, not the encoding.
    static func decodedScript(_ field: FieldChange) -> [String] {
        guard field.path.hasSuffix(#"["alpha.cce/postInstall"]"#), let encoded = field.after?.stringValue,
            let data = Data(base64Encoded: encoded)
        else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    private func symbol(_ action: PlannedChange.Action) -> String {
        switch action {
        case .create: return "+"
        case .update: return "~"
        case .delete: return "-"
        case .noOp: return "="
        case .conflict: return "!"
        }
    }

    private func paint(_ text: String, _ action: PlannedChange.Action) -> String {
        let code: String
        switch action {
        case .create: code = "32"
        case .update: code = "33"
        case .delete: code = "31"
        case .noOp: code = "0"
        case .conflict: code = "35;1"
        }
        return ANSIColour.paint(text, code, enabled: colour)
    }
}
