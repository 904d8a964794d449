import ArgumentParser
import Engine
import Foundation
import JSON
import TenancyCore

/// A plan saved by `tenantctl plan --out`, and the check that it still holds: every input has the digest it had,
/// and planning again from the inputs it records gives exactly the saved changes (`Plan.staleness`). What is
/// applied is that fresh plan, so an edit to the file can only make it refused.
struct SavedPlan {
    let path: String
    let document: JSONValue

    /// The saved plan in `path`; nil when the file is not one (a spec, a folder).
    static func read(_ path: String) throws -> SavedPlan? {
        guard !path.hasSuffix(".yaml"), !path.hasSuffix(".yml"),
            let data = FileManager.default.contents(atPath: path),
            let document = try? JSONValue.parse(data), document["kind"] == "SavedPlan"
        else { return nil }
        let version = document["apiVersion"]?.stringValue ?? "none"
        guard version == "tenantctl.io/v1" else {
            throw ApplyError("the saved plan \(path) has apiVersion \(version); this tenantctl reads tenantctl.io/v1: plan again")
        }
        return SavedPlan(path: path, document: document)
    }

    /// The plans to apply, or an error naming what moved since the plan was made; and the connector that read
    /// the clusters.
    func checked(connection: ConnectionOptions) async throws -> ([(Plan, RunAccess)], ClusterConnector) {
        for input in document["inputs"]?.arrayValue ?? [] {
            guard let file = input["path"]?.stringValue, let digest = input["sha256"]?.stringValue else { continue }
            let now = FileManager.default.contents(atPath: file).map(PlanReport.sha256)
            guard now == digest else { throw stale("\(file) changed since the plan was made") }
        }
        let arguments = document["arguments"]?["inputs"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let inputs: PlanInputs
        do {
            inputs = try PlanInputs.parse(arguments)
        } catch {
            throw ApplyError(
                "the saved plan \(path) records arguments this tenantctl cannot use (\(PlanInputs.message(for: error))); plan again")
        }
        let planner = TenantPlans(
            try inputs.load(json: false), kubeconfig: document["arguments"]?["kubeconfig"]?.stringValue, connection: connection)
        let fresh = try await planner.compute(adopt: document["arguments"]?["adopt"]?.boolValue ?? false)
        let saved = try (document["plans"]?.arrayValue ?? []).map { try $0.decode(as: Plan.self) }
        if let why = try Plan.staleness(saved: saved, fresh: fresh.map(\.plan)) { throw stale(why) }
        return (fresh.map { ($0.plan, $0.access) }, planner.connector)
    }

    private func stale(_ why: String) -> ApplyError {
        ApplyError("the saved plan \(path) is stale: \(why); plan again")
    }
}
