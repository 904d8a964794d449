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
        var totals: [String: JSONValue] = [:]
        for action in PlannedChange.Action.allCases {
            let key = action == .noOp ? "noOp" : action.rawValue
            totals[key] = .int(Int64(plans.reduce(0) { $0 + $1.count(action) }))
        }
        return [
            "apiVersion": "tenantctl.io/v1", "kind": "PlanReport",
            "plans": .array(plans.map(\.json)),
            "summary": .object(totals),
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
