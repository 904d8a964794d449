import Engine
import Foundation
import JSON
import TenancyCore

/// A saved plan's file (`tenantctl plan --out`), and the check that it still holds: every input has the digest it
/// had, planning again from the inputs it records reads no other file, and gives exactly the saved changes
/// (`Plan.staleness`). What is applied is that fresh plan, so an edit to the file can only make it refused.
struct SavedPlanFile {
    let path: String
    let saved: SavedPlan

    /// The saved plan in `path`; nil when the file is not one (a spec, a folder).
    static func read(_ path: String) throws -> SavedPlanFile? {
        guard !path.hasSuffix(".yaml"), !path.hasSuffix(".yml"),
            let data = FileManager.default.contents(atPath: path),
            let document = try? JSONValue.parse(data), document["kind"] == .string(SavedPlan.kind)
        else { return nil }
        do {
            return SavedPlanFile(path: path, saved: try document.decode(as: SavedPlan.self))
        } catch let error as SavedPlan.Unusable {
            throw ApplyError("the saved plan \(path) \(error)")
        } catch {
            throw ApplyError("the saved plan \(path) is not as tenantctl writes one (\(error)); plan again")
        }
    }

    /// The plans to apply, or an error naming what moved since the plan was made; and the connector that read
    /// the clusters.
    func checked(connection: ConnectionOptions) async throws -> ([(Plan, RunAccess)], ClusterConnector) {
        let digest = { (file: String) in FileManager.default.contents(atPath: file).map(PlanReport.sha256) }
        if let moved = saved.movedInput(digest: digest) { throw stale(moved) }
        let inputs = saved.inputs
        let files = WorkspaceFiles(paths: inputs.specs, inventory: inputs.inventory, catalog: inputs.catalog)
        let loaded = try PlanInputs.load(files, playbook: inputs.playbook, json: false) { paths in
            if let unrecorded = saved.unrecordedInput(paths.map(InputFiles.absolute)) { throw stale(unrecorded) }
        }
        let planner = TenantPlans(loaded, kubeconfig: inputs.kubeconfig, connection: connection)
        let fresh = try await planner.compute(adopt: inputs.adopt, rebalanceQuota: inputs.rebalanceQuota)
        if let why = try Plan.staleness(saved: saved.plans, fresh: fresh.map(\.plan)) { throw stale(why) }
        return (fresh.map { ($0.plan, $0.access) }, planner.connector)
    }

    private func stale(_ why: String) -> ApplyError {
        ApplyError("the saved plan \(path) is stale: \(why); plan again")
    }
}
