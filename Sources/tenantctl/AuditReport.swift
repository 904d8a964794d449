import JSON
import TenancyCore

/// An audit's findings as `audit` prints them: a line per finding and a count (text), JSON with a summary, or a
/// Markdown table.
struct AuditReport {
    let findings: [Finding]

    init(_ findings: [Finding]) { self.findings = findings }

    func render(_ format: OutputFormat) -> String {
        let summary = AuditSummary(findings)
        switch format {
        case .json:
            return JSONValue.object(["findings": .array(findings.map(\.json)), "summary": summary.json])
                .jsonString(pretty: true) + "\n"
        case .text:
            let total = summary.fail + summary.warn
            let last =
                total == 0
                ? "audit: no findings\n"
                : "audit: \(total) finding\(total == 1 ? "" : "s"): \(summary.fail) fail, \(summary.warn) warn\n"
            return findings.map { $0.line + "\n" }.joined() + last
        case .markdown:
            var text = "## Audit\n\n"
            if findings.isEmpty { return text + "No findings.\n" }
            text += "\(summary.fail) fail, \(summary.warn) warn.\n\n"
            text += "| severity | guidance | object | finding | fix |\n|---|---|---|---|---|\n"
            for finding in findings {
                text +=
                    "| \(finding.severity.rawValue) | \(finding.guidance.rawValue) | \(Markdown.cell(finding.object)) | "
                    + "\(Markdown.cell(finding.message)) | \(Markdown.cell(finding.fix)) |\n"
            }
            return text
        }
    }
}
