import ArgumentParser
import Engine
import Foundation
import JSON
import TenancyCore

/// `tenantctl apply`: onboard tenants as planned, journalled, rolled back on failure.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply each tenant's plan: idempotent, journalled, rolled back on failure.",
        discussion: """
            Plans each tenant (as `tenantctl plan` does) and applies it, or applies a plan saved with
            `tenantctl plan --out FILE` exactly — refused as stale when an input or the live state moved since.
            Every write is journalled first (in --state-dir); a step whose target already matches makes no
            write. When a step fails, every write of the run is undone, newest first; with --no-rollback the run
            stops for `tenantctl resume RUN` or `tenantctl rollback RUN`. Objects without tenantctl's labels are
            never changed: a plan with conflicts is refused before any write. One run per tenant at a time.

            Exits 0 when every tenant is applied, 1 otherwise, 2 on usage errors.

            Examples:
              tenantctl apply Tenants/acme.yaml
              tenantctl plan Tenants/acme.yaml --out acme.plan.json && tenantctl apply acme.plan.json
              tenantctl apply --no-rollback --concurrency 8
            """)

    @OptionGroup var inputs: PlanInputs

    @Option(help: "A kubeconfig to use for every cluster instead of the paths in the inventory (contexts still apply).")
    var kubeconfig: String?

    @Flag(help: "On failure, stop instead of undoing the run's writes.")
    var noRollback = false

    @Flag(help: "Take over objects that exist without tenantctl's labels (never another tenant's); a rollback gives them back as they were.")
    var adopt = false

    @OptionGroup var run: RunOptions

    func run() async throws {
        let plans: [(Plan, RunAccess)]
        do {
            plans = try await plansToApply()
        } catch let error as ApplyError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        var failed = false
        for (plan, access) in plans {
            let engine = run.engine(tenant: plan.tenant, rollbackOnFailure: !noRollback)
            do {
                let (id, machine) = try await engine.apply(plan, access: access)
                try RunOptions.conclude(run: id, tenant: plan.tenant, machine)
            } catch is ExitCode {
                failed = true
            } catch {
                FileHandle.standardError.write(Data("error: \(plan.tenant): \(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// The plans: computed now, or read from a saved plan after checking it is not stale.
    private func plansToApply() async throws -> [(Plan, RunAccess)] {
        if inputs.workspace.paths.count == 1, let saved = try SavedPlan.read(inputs.workspace.paths[0]) {
            guard !adopt else { throw ApplyError("--adopt applies to a plan made now; make the saved plan with `tenantctl plan --adopt`") }
            return try await saved.checked()
        }
        let loaded = try inputs.load(json: false)
        return try await TenantPlans(loaded, kubeconfig: kubeconfig).compute(offline: false, adopt: adopt)
    }
}
