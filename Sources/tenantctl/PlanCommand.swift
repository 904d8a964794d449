import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// `tenantctl plan`: what onboarding each tenant would change on its cluster, like `terraform plan`.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what onboarding each tenant would create, change or delete on its cluster.",
        discussion: """
            Renders the onboarding playbook for each tenant's decision and compares every step with the live
            cluster: + create, ~ update (only the fields tenantctl sets, after normalising server defaults),
            - delete, ! conflict (an object exists without tenantctl's labels; apply will not touch it).
            Live state is read with one list per kind and namespace; node pools, clusters and add-ons through
            the CCE API (credentials from TENANTCTL_CCE_AK/SK or TENANTCTL_CCE_CREDENTIALS_FILE).

            Exits 0 on success, 1 on errors or conflicts, 2 on usage errors. With --detailed-exitcode: 0 when
            nothing would change, 2 when something would, 1 on errors or conflicts.

            Examples:
              tenantctl plan Tenants/acme.yaml
              tenantctl plan --offline -o markdown
              tenantctl plan Tenants/acme.yaml --out acme.plan.json --detailed-exitcode
              tenantctl plan --kubeconfig .tenantctl/sandbox/kubeconfig
            """)

    @OptionGroup var inputs: PlanInputs

    @Flag(help: "Plan against an empty cluster without connecting; API versions follow the inventory's version.")
    var offline = false

    @Option(help: "A kubeconfig to use for every cluster instead of the paths in the inventory (contexts still apply).")
    var kubeconfig: String?

    @Option(name: [.short, .customLong("output")], help: "Output format: text, json or markdown.")
    var output: OutputFormat = .text

    @Option(help: "Save the plan, with digests of its inputs and the observed resourceVersions, to this file.")
    var out: String?

    @Flag(help: "Exit 0 when nothing would change, 2 when something would, 1 on errors.")
    var detailedExitcode = false

    @Flag(help: "No colour, even on a terminal.")
    var noColor = false

    @Flag(help: "Plan to take over objects that exist without tenantctl's labels (never another tenant's).")
    var adopt = false

    @Flag(
        help:
            "Divide each tenant's quota toward where it is used: every namespace keeps its use, the rest is split evenly (see docs/quota.md)."
    )
    var rebalanceQuota = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if rebalanceQuota, offline {
            throw ValidationError("--rebalance-quota needs the live quotas' use; it cannot plan --offline")
        }
    }

    func run() async throws {
        let loaded = try inputs.load(json: output == .json)
        var printed = try PlanOutput(
            output, colour: OutputFormat.colour(noColor: noColor),
            saving: out.map {
                PlanOutput.Saved(
                    path: $0,
                    inputs: inputs.recorded(kubeconfig: kubeconfig, adopt: adopt, rebalanceQuota: rebalanceQuota),
                    files: loaded.files)
            })
        var complete = true
        do {
            if offline {
                complete = try await planOffline(loaded, into: &printed)
            } else {
                let plans = try await TenantPlans(loaded, kubeconfig: kubeconfig, connection: connection).compute(
                    adopt: adopt, rebalanceQuota: rebalanceQuota)
                for (plan, _) in plans { try printed.write(plan) }
            }
            try printed.finish(complete: complete)
        } catch {
            printed.discard()
            throw error
        }
        if !complete || printed.conflicts > 0 { throw ExitCode(1) }
        if detailedExitcode, printed.hasChanges { throw ExitCode(2) }
    }

    /// Plans each tenant offline and prints it while the next one is planned (on a second core), so that a fleet's
    /// plans are never held together. A tenant that cannot be planned is reported and the others still print;
    /// false when one failed.
    private func planOffline(_ loaded: PlanInputs.Loaded, into printed: inout PlanOutput) async throws -> Bool {
        let playbook = loaded.playbook
        func planning(_ target: PlanInputs.Target) -> Task<Result<Plan, PlanningError>, Never> {
            Task { Result { () throws(PlanningError) in try target.offlinePlan(playbook) } }
        }
        var complete = true
        var next = loaded.targets.first.map(planning)
        for (index, target) in loaded.targets.enumerated() {
            guard let current = next else { break }
            next = loaded.targets.dropFirst(index + 1).first.map(planning)
            switch await current.value {
            case .success(let plan): try printed.write(plan)
            case .failure(let error):
                target.report(error.messages)
                complete = false
            }
        }
        return complete
    }
}
