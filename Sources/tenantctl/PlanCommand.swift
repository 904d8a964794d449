import ArgumentParser
import Engine
import Foundation
import JSON
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

    /// What `apply` needs to compute this plan again: the inputs' arguments and the kubeconfig override.
    private var savedArguments: JSONValue {
        [
            "inputs": .array(inputs.arguments.map(JSONValue.string)), "kubeconfig": kubeconfig.map(JSONValue.string) ?? .null,
            "adopt": .bool(adopt),
        ]
    }

    func run() async throws {
        let loaded = try inputs.load(json: output == .json)
        var printed = try PlanOutput(
            output, colour: OutputFormat.colour(noColor: noColor),
            saving: out.map { PlanOutput.Saved(path: $0, files: loaded.files, arguments: savedArguments) })
        var complete = true
        do {
            if offline {
                complete = try planOffline(loaded, into: &printed)
            } else {
                let plans = try await TenantPlans(loaded, kubeconfig: kubeconfig).compute(offline: false, adopt: adopt)
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

    /// Plans each tenant offline and prints it before planning the next, so that a fleet's plans are never held
    /// together. A tenant that cannot be planned is reported and the others still print; false when one failed.
    private func planOffline(_ loaded: PlanInputs.Loaded, into printed: inout PlanOutput) throws -> Bool {
        var complete = true
        for target in loaded.targets {
            let plan: Plan
            do {
                plan = try target.offlinePlan(loaded.playbook)
            } catch {
                target.report(error.messages)
                complete = false
                continue
            }
            try printed.write(plan)
        }
        return complete
    }
}
