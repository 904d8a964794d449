import ArgumentParser
import Engine
import Foundation
import JSON
import TenancyCore

/// `tenantctl apply`: onboard tenants as planned, journalled, rolled back on failure, several at once.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply each tenant's plan: idempotent, journalled, rolled back on failure.",
        discussion: """
            Plans each tenant (as `tenantctl plan` does, reading each cluster once for all its tenants) and
            applies it, or applies a plan saved with `tenantctl plan --out FILE` exactly — refused as stale when
            an input or the live state moved since. Every write is journalled first (in --state-dir) and made
            only if its target is still as planned (the server refuses it otherwise, and the target is read and
            decided again); a tenant whose plan changes nothing starts no run. When a step fails, every write of
            that tenant's run is undone, newest first; with --no-rollback the run stops for `tenantctl resume RUN`
            or `tenantctl rollback RUN`. Objects without tenantctl's labels are never changed: a plan with
            conflicts is refused before any write. Tenants run side by side (--parallel), each with its own run,
            lock and journal; a failure in one rolls back that tenant only. One run per tenant at a time.

            Exits 0 when every tenant is applied, 1 otherwise, 2 on usage errors.

            Examples:
              tenantctl apply Tenants/acme.yaml
              tenantctl plan Tenants/acme.yaml --out acme.plan.json && tenantctl apply acme.plan.json
              tenantctl apply --no-rollback --concurrency 8 --parallel 16
            """)

    @OptionGroup var inputs: PlanInputs

    @Option(help: "A kubeconfig to use for every cluster instead of the paths in the inventory (contexts still apply).")
    var kubeconfig: String?

    @Flag(help: "On failure, stop instead of undoing the run's writes.")
    var noRollback = false

    @Flag(
        help:
            "Take over objects that exist without tenantctl's labels (never another tenant's); a rollback gives them back as they were."
    )
    var adopt = false

    @Flag(help: "Divide each tenant's quota toward where it is used first, as `tenantctl plan --rebalance-quota` does.")
    var rebalanceQuota = false

    @Option(help: "Tenants applied at once, each with its own run, lock and journal.")
    var parallel: Int = 8

    @OptionGroup var run: RunOptions

    func validate() throws {
        guard (1...256).contains(parallel) else { throw ValidationError("--parallel must be between 1 and 256") }
    }

    func run() async throws {
        let plans: [(Plan, RunAccess)]
        let connector: ClusterConnector
        let state: StateLocation?
        do {
            (plans, connector, state) = try await plansToApply()
        } catch let error as ApplyError {
            Console.error("\(error)")
            throw ExitCode(1)
        }
        let output = ProgressOutput(tenants: plans.count, parallel: parallel)
        let results = await concurrently(plans, limit: parallel) { plan, access in
            await apply(plan, access, connector: connector, state: state, output: output)
        }
        output.end()
        if results.contains(false) { throw ExitCode(1) }
    }

    /// Applies one tenant's plan; false when it did not succeed (its lines say why).
    private func apply(
        _ plan: Plan, _ access: RunAccess, connector: ClusterConnector, state: StateLocation?, output: ProgressOutput
    ) async -> Bool {
        defer { output.finished(plan.tenant) }
        do {
            let engine = try run.engine(
                tenant: plan.tenant, connector: connector, output: output, rollbackOnFailure: !noRollback, state: state)
            guard let (id, machine) = try await engine.apply(plan, access: access) else {
                output.line(plan.tenant, "\(plan.tenant): nothing to change (\(plan.count(.noOp)) as planned)")
                return true
            }
            try RunOptions.conclude(run: id, tenant: plan.tenant, machine, output: output)
            return true
        } catch is ExitCode {
            return false
        } catch {
            Console.error("\(plan.tenant): \(error)")
            return false
        }
    }

    /// The plans, computed now or read from a saved plan after checking it is not stale, the connector whose
    /// clients read the clusters for them (the runs write through the same clients), and the inventory's `state:`.
    private func plansToApply() async throws -> ([(Plan, RunAccess)], ClusterConnector, StateLocation?) {
        if inputs.workspace.paths.count == 1, let saved = try SavedPlanFile.read(inputs.workspace.paths[0]) {
            if let flag = adopt ? "--adopt" : rebalanceQuota ? "--rebalance-quota" : nil {
                throw ApplyError(
                    "\(flag) applies to a plan made now; make the saved plan with `tenantctl plan \(flag)`")
            }
            let (plans, connector) = try await saved.checked(connection: run.connection)
            return (plans, connector, InventoryFile.defaultState)
        }
        let loaded = try inputs.load(json: false)
        let planner = TenantPlans(loaded, kubeconfig: kubeconfig, connection: run.connection)
        let plans = try await planner.compute(adopt: adopt, rebalanceQuota: rebalanceQuota)
        return (plans, planner.connector, loaded.state)
    }
}
