import ArgumentParser
import Foundation
import TenancyCore

/// `tenantctl render`: the Kubernetes manifests a plan would apply, for review or for `kubectl apply -f -`.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the Kubernetes manifests the onboarding playbook renders for each tenant.",
        discussion: """
            Touches no cluster: API versions are assumed from the inventory's Kubernetes version (a plan reads
            them from the server). Cloud steps (clusters, node pools, add-ons) are not Kubernetes manifests and
            are left out; `tenantctl plan` shows them. Objects a step wants absent are left out too.

            Examples:
              tenantctl render Tenants/acme.yaml
              tenantctl render Tenants/acme.yaml | kubectl apply --dry-run=server -f -
              tenantctl render -o json
            """)

    /// How the manifests are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, json
    }

    @OptionGroup var inputs: PlanInputs

    @Option(name: [.short, .customLong("output")], help: "Output format: yaml (documents) or json (a v1 List).")
    var output: Format = .yaml

    func run() throws {
        let loaded = try inputs.load(json: output == .json)
        var printer = try ManifestPrinter(output)
        for target in loaded.targets {
            let steps: [RenderedStep]
            do {
                steps = try TenantPlanner.render(target.inputs(loaded.playbook, facts: target.assumedFacts))
            } catch {
                target.report(error.messages)
                throw ExitCode(1)
            }
            for step in steps {
                guard case .kubernetes(.present, let object) = step.action else { continue }
                try printer.print(object)
            }
        }
        try printer.finish()
    }
}
