import Foundation
import TenancyCore

/// Prints plans one at a time as a format shows them: `PlanText` or `PlanMarkdown` sections between blank lines
/// ("No tenants to plan." when there are none), or the `PlanReport` JSON. Each plan's text is handed out as soon
/// as the plan is printed, so that a fleet's plans never wait in memory for the last one.
struct PlanPrinter {
    private let format: OutputFormat
    private let colour: Bool
    /// The JSON document, for `-o json`.
    private var report: PlanReport?
    private var printed = 0

    init(_ format: OutputFormat, colour: Bool) {
        self.format = format
        self.colour = colour
        if format == .json { report = PlanReport() }
    }

    /// The text of `plan`, following the plans printed before it.
    mutating func print(_ plan: Plan) throws -> [UInt8] {
        defer { printed += 1 }
        switch format {
        case .json:
            try report?.add(plan)
            return report?.take() ?? []
        case .text: return separated(PlanText(colour: colour).section(plan))
        case .markdown: return separated(PlanMarkdown().section(plan))
        }
    }

    /// The text that ends the output.
    mutating func finish() -> [UInt8] {
        switch format {
        case .json:
            report?.finish()
            return (report?.take() ?? []) + [UInt8(ascii: "\n")]
        case .text, .markdown: return printed == 0 ? Array("No tenants to plan.\n".utf8) : []
        }
    }

    private func separated(_ section: String) -> [UInt8] { Array(((printed == 0 ? "" : "\n") + section).utf8) }
}

extension OutputFormat {
    /// The plans as this format shows them, all at once (`PlanPrinter` for a fleet).
    func render(_ plans: [Plan], colour: Bool) throws -> String {
        var printer = PlanPrinter(self, colour: colour)
        var text = try plans.flatMap { try printer.print($0) }
        text += printer.finish()
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether text output is coloured: on a terminal, unless `--no-color`.
    static func colour(noColor: Bool) -> Bool { !noColor && isatty(STDOUT_FILENO) == 1 }
}
