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

    @OptionGroup var connection: ConnectionOptions

    /// What `apply` needs to compute this plan again: the inputs' arguments and the kubeconfig override.
    private var savedArguments: JSONValue {
        [
            "inputs": .array(inputs.arguments.map(JSONValue.string)), "kubeconfig": kubeconfig.map(JSONValue.string) ?? .null,
            "adopt": .bool(adopt),
        ]
    }

    func run() async throws {
        let loaded = try inputs.load(json: output == .json)
        let plans = try await TenantPlans(loaded, kubeconfig: kubeconfig, connection: connection).compute(offline: offline, adopt: adopt).map(\.plan)
        print(output.render(plans, colour: OutputFormat.colour(noColor: noColor)), terminator: "")
        if let out { try PlanReport(plans: plans).save(to: out, files: loaded.files, arguments: savedArguments) }
        if plans.contains(where: { $0.count(.conflict) > 0 }) { throw ExitCode(1) }
        if detailedExitcode, plans.contains(where: \.hasChanges) { throw ExitCode(2) }
    }
}
