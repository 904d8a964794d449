import Foundation
import TenancyCore

/// The result of `decide`: one decision per tenant, rendered as a readable report, Markdown for a review,
/// or JSON for scripts (keys documented in docs/decide.md).
struct DecisionReport {
    struct Entry {
        let tenant: LoadedTenant
        let decision: Decision

        /// The decision's warnings and errors, as located diagnostics.
        func problems(in workspace: Workspace) -> [Diagnostic] {
            let locator = ReasonLocator(tenant: tenant, workspace: workspace)
            return decision.reasons.filter { $0.kind != .reason }.map(locator.diagnostic)
        }

        /// The plain reasons about `topic`.
        func reasons(_ topic: Reason.Topic) -> [Reason] {
            decision.reasons.filter { $0.kind == .reason && $0.topic == topic }
        }
    }

    let entries: [Entry]
    let workspace: Workspace
    let catalog: PriceCatalog
    let options: DecideOptions

    var placeable: Bool { entries.allSatisfy(\.decision.placeable) }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .text: return text()
        case .markdown: return markdown()
        case .json: return json()
        }
    }

    var catalogFile: String { workspace.catalogSource?.file ?? "?" }

    /// `5 tenant(s): 4 placed (3 logical, 1 physical), 1 cannot be placed`.
    var summary: String {
        let placed = entries.filter(\.decision.placeable)
        let logical = placed.filter { $0.decision.isolation == .logical }.count
        return
            "\(entries.count) tenant(s): \(placed.count) placed (\(logical) logical, \(placed.count - logical) physical), "
            + "\(entries.count - placed.count) cannot be placed"
    }

    /// A reason's guidance ids and fields, for the text and Markdown reports: `[G6] … (spec.network.isolation)`.
    static func cite(_ reason: Reason) -> (guidance: String, fields: String) {
        let guidance = reason.guidance.isEmpty ? "" : "[\(reason.guidance.map(\.rawValue).joined(separator: ", "))] "
        let fields = reason.fields.isEmpty ? "" : " (\(reason.fields.map(\.description).joined(separator: ", ")))"
        return (guidance, fields)
    }
}
