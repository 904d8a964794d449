import Crypto
import Foundation
import JSON
import TenancyCore

/// The JSON document `plan -o json` prints and `plan --out` saves: every tenant's plan, the totals, and for a
/// saved plan the SHA-256 of every input it was computed from (the observed resourceVersions are in the
/// changes). Schema: docs/plan.md.
struct PlanReport {
    let plans: [Plan]

    var json: JSONValue {
        [
            "apiVersion": "tenantctl.io/v1", "kind": "PlanReport",
            "plans": .array(plans.map(\.json)),
            "summary": Plan.summaryJSON { action in plans.reduce(0) { $0 + $1.count(action) } },
        ]
    }

    /// The saved form: the report with the digests of `files` and the `arguments` that computed it.
    func saved(files: [String], arguments: JSONValue) throws -> JSONValue {
        var value = json
        value["kind"] = "SavedPlan"
        value["arguments"] = arguments
        value["inputs"] = .array(
            try files.map { path in
                ["path": .string(path), "sha256": .string(Self.sha256(try Data(contentsOf: URL(fileURLWithPath: path))))]
            })
        return value
    }

    /// The lowercase hex SHA-256 of `data`: what a saved plan records of each input.
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Writes the saved plan to `path`, readable by its owner only.
    func save(to path: String, files: [String], arguments: JSONValue) throws {
        let data = Data((try saved(files: files, arguments: arguments).jsonString(pretty: true) + "\n").utf8)
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}

extension OutputFormat {
    /// The plans as this format shows them: `PlanText` (coloured when `colour`), the `PlanReport` JSON, or
    /// `PlanMarkdown`.
    func render(_ plans: [Plan], colour: Bool) -> String {
        switch self {
        case .text: PlanText(plans: plans, colour: colour).render()
        case .json: PlanReport(plans: plans).json.jsonString(pretty: true) + "\n"
        case .markdown: PlanMarkdown(plans: plans).render()
        }
    }

    /// Whether text output is coloured: on a terminal, unless `--no-color`.
    static func colour(noColor: Bool) -> Bool { !noColor && isatty(STDOUT_FILENO) == 1 }
}
