import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// `tenantctl render`: the Kubernetes manifests a plan would apply, for review or for `kubectl apply -f -`.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the Kubernetes manifests the onboarding playbook renders for each tenant.",
        discussion: """
            Without --kubeconfig it touches no cluster: API versions and the Pod Security version are assumed
            from the inventory's Kubernetes version. With --kubeconfig they are read from each cluster's server,
            as `tenantctl plan` reads them, so the manifests are the ones a plan would write. Cloud steps
            (clusters, node pools, add-ons) are not Kubernetes manifests and are left out; `tenantctl plan` shows
            them. Objects a step wants absent are left out too.

            Examples:
              tenantctl render Tenants/acme.yaml
              tenantctl render Tenants/acme.yaml --kubeconfig ~/.kube/config | kubectl apply --dry-run=server -f -
              tenantctl render -o json
            """)

    /// How the manifests are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, json
    }

    @OptionGroup var inputs: PlanInputs

    @Option(name: [.short, .customLong("output")], help: "Output format: yaml (documents) or json (a v1 List).")
    var output: Format = .yaml

    @Option(
        help:
            "Read each cluster's facts (version, API versions) through this kubeconfig, as plan does (contexts from the inventory)."
    )
    var kubeconfig: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let loaded = try inputs.load(json: output == .json)
        let facts = try await self.facts(loaded)
        var printer = try ManifestPrinter(output)
        for (target, facts) in zip(loaded.targets, facts) {
            let steps: [RenderedStep]
            do {
                steps = try TenantPlanner.render(target.inputs(loaded.playbook, facts: facts))
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

    /// Each target's facts: assumed from the inventory, or read from its cluster with --kubeconfig.
    private func facts(_ loaded: PlanInputs.Loaded) async throws -> [ClusterFacts] {
        guard let kubeconfig else { return loaded.targets.map(\.assumedFacts) }
        let connector = connection.connector(kubeconfigOverride: kubeconfig, inventoryFile: loaded.inventoryFile)
        let planner = FleetPlanner(connector: connector, playbook: loaded.playbook)
        let tenants = loaded.targets.map {
            FleetPlanner.Tenant(spec: $0.tenant.spec, decision: $0.decision, cluster: $0.cluster)
        }
        var facts: [ClusterFacts] = []
        for (target, result) in zip(loaded.targets, await planner.facts(tenants)) {
            switch result {
            case .success(let read): facts.append(read)
            case .failure(let error):
                target.report(["\(error)"])
                throw ExitCode(1)
            }
        }
        return facts
    }
}
