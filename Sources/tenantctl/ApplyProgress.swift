import Engine
import Foundation
import TenancyCore

/// Renders the engine's will/did events of one tenant's run as lines: one per finished write (coloured on a
/// terminal), failures with the server's message, and the run's phases.
struct ApplyProgress: Sendable {
    let tenant: String
    let colour: Bool
    let output: ProgressOutput

    func render(_ event: ApplyEvent) {
        switch event {
        case .will: return
        case .waiting(let change, let pause):
            output.line(
                tenant,
                "  \(tenant): \(paint("…", "33")) \(change.target): waiting \(pause.components.seconds + 1) s for a write cut off by a stop, which may still land, before undoing it"
            )
        case .did(let change, let operation, let result, let message):
            let line: String
            switch result {
            case .converged where operation == .undo: line = paint("=", "0") + " \(change.target) \(message ?? "kept")"
            case .converged: line = paint("=", "0") + " \(change.target) already as planned"
            case .applied:
                output.wrote()
                line =
                    paint(Self.symbol(operation), operation == .undo ? "36" : "32")
                    + " \(change.target) \(Self.past(operation))"
            case .stale: line = paint("↻", "33") + " \(change.target) moved since it was read; reading it again"
            case .failed:
                line = paint("✗", "31;1") + " \(change.target): \(Self.present(operation)) failed: \(message ?? "")"
            }
            output.line(tenant, "  \(tenant): \(line)")
        case .phase(let phase):
            output.line(
                tenant,
                "  \(tenant): \(paint(phase.rawValue, phase == .succeeded ? "32" : phase == .applying ? "0" : "33;1"))")
        }
    }

    private static func symbol(_ operation: Intent.Operation) -> String {
        switch operation {
        case .create: return "+"
        case .update: return "~"
        case .delete: return "-"
        case .undo: return "↺"
        }
    }

    private static func past(_ operation: Intent.Operation) -> String {
        switch operation {
        case .create: return "created"
        case .update: return "updated"
        case .delete: return "deleted"
        case .undo: return "undone"
        }
    }

    private static func present(_ operation: Intent.Operation) -> String {
        switch operation {
        case .create: return "creating"
        case .update: return "updating"
        case .delete: return "deleting"
        case .undo: return "undoing"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        ANSIColour.paint(text, code, enabled: colour)
    }
}
