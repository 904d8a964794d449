import Crypto
import Foundation
import JSON
import TenancyCore

/// The JSON document `plan -o json` prints and `plan --out` saves: every tenant's plan, the totals, and for a
/// saved plan the SHA-256 of every input it was computed from (the observed resourceVersions are in the
/// changes). Written plan by plan, so that a fleet's report never sits in memory whole. Schema: docs/plan.md.
struct PlanReport {
    private var writer = JSONWriter(pretty: true)
    private var totals: [PlannedChange.Action: Int] = [:]

    /// Opens a `PlanReport`.
    init() { self.init(members: ["kind": "PlanReport"]) }

    /// Opens a `SavedPlan`: a report with the digests of `files` and the `arguments` that computed it.
    init(savedFrom files: [String], arguments: JSONValue) throws {
        let inputs = try files.map { path -> JSONValue in
            ["path": .string(path), "sha256": .string(Self.sha256(try Data(contentsOf: URL(fileURLWithPath: path))))]
        }
        self.init(members: ["kind": "SavedPlan", "arguments": arguments, "inputs": .array(inputs)])
    }

    /// Writes `apiVersion`, then `members` (between `apiVersion` and `plans` in sorted order), then opens the list
    /// of plans.
    private init(members: [String: JSONValue]) {
        writer.beginObject()
        writer.key("apiVersion")
        writer.write("tenantctl.io/v1")
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
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
