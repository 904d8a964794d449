import Crypto
import Foundation
import JSON
import TenancyCore

/// The JSON document `plan -o json` prints and `plan --out` saves (a `SavedPlan`): every tenant's plan and the
/// totals, and for a saved plan what it was computed from (the observed resourceVersions are in the changes).
/// Written plan by plan, so that a fleet's report never sits in memory whole. Schema: docs/plan.md.
struct PlanReport {
    private var writer = JSONWriter(pretty: true)
    private var totals: [PlannedChange.Action: Int] = [:]

    /// Opens a `PlanReport`.
    init() { self.init(header: ["apiVersion": .string(SavedPlan.apiVersion), "kind": "PlanReport"]) }

    /// Opens a `SavedPlan` of `inputs`, with the digests of `files`.
    init(saving inputs: SavedPlan.Inputs, files: [String]) throws {
        let digests = try files.map { path in
            let content = try Data(contentsOf: URL(fileURLWithPath: path))
            return SavedPlan.Digest(path: InputFiles.absolute(path), sha256: Self.sha256(content))
        }
        self.init(header: try JSONValue(encoding: SavedPlan(inputs: inputs, digests: digests, plans: [])))
    }

    /// Writes the members of `header` that come before `plans`, then opens the list of plans; the one member after
    /// it, `summary`, is written by `finish`.
    private init(header: JSONValue) {
        writer.beginObject()
        for (key, value) in (header.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where key < "plans" {
            writer.key(key)
            writer.write(value)
        }
        writer.key("plans")
        writer.beginArray()
    }

    mutating func add(_ plan: Plan) throws {
        writer.element()
        try writer.encode(plan)
        for change in plan.changes { totals[change.action, default: 0] += 1 }
    }

    /// Closes the list of plans and the document, with the totals.
    mutating func finish() {
        writer.end()
        writer.key("summary")
        writer.write(Plan.summaryJSON { totals[$0, default: 0] })
        writer.end()
    }

    /// The document's text written since the last call.
    mutating func take() -> [UInt8] { writer.take() }

    /// The lowercase hex SHA-256 of `data`: what a saved plan records of each input.
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
