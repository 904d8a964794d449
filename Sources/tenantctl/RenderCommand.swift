import ArgumentParser
import Foundation
import JSON
import TenancyCore
import YAML

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
        var manifests: [JSONValue] = []
        for target in loaded.targets {
            do {
                let steps = try TenantPlanner.render(target.inputs(loaded.playbook, facts: target.assumedFacts))
                manifests += steps.compactMap { step in
                    guard case .kubernetes(.present, let object) = step.action else { return nil }
                    return object
                }
            } catch {
                FileHandle.standardError.write(Data(error.messages.map { "error: \(target.tenant.spec.name): \($0)\n" }.joined().utf8))
                throw ExitCode(1)
            }
        }
        switch output {
        case .yaml: print(try YAMLEmitter.emit(manifests), terminator: "")
        case .json: print(JSONValue.object(["apiVersion": "v1", "kind": "List", "items": .array(manifests)]).jsonString(pretty: true))
        }
    }
}
