import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// `tenantctl quota TENANT`: each namespace's share of the tenant's total, and what it uses.
struct QuotaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota",
        abstract: "Show each namespace's share of a tenant's quota, its use and the tenant's total.",
        discussion: """
            Reads the tenant's ResourceQuotas from its cluster (the one its spec names, through the inventory's
            kubeconfig or --kubeconfig): each namespace's share (spec.hard), its use (status.used) and where the
            share comes from (the spec, or a rebalance), then what the shares and the use add up to against the
            tenant's total (spec.quota). Shares that add up to more than the total are marked OVER.
            To move unused share toward where it is used: tenantctl plan SPEC --rebalance-quota (docs/quota.md).

            Exits 0 when the shares fit the total, 1 when they do not or on errors, 2 on usage errors.

            Examples:
              tenantctl quota platform-tools
              tenantctl quota acme --kubeconfig .tenantctl/sandbox/kubeconfig -o json
            """)

    @Argument(help: "The tenant's name.")
    var tenant: String

    @Option(help: "Spec files or folders to find the tenant's spec in (default: Tenants/).")
    var specs: [String] = []

    @Option(help: "The cluster inventory (default: clusters.yaml beside the specs, else Tenants/clusters.yaml).")
    var inventory: String?

    @Option(help: "The price catalog (default: \(WorkspaceFiles.defaultCatalog) when it exists).")
    var catalog: String?

    @Option(help: "The onboarding playbook whose ResourceQuotas are read (default: \(PlanInputs.defaultPlaybook)).")
    var playbook: String = PlanInputs.defaultPlaybook

    @Option(help: "A kubeconfig to use for every cluster instead of the paths in the inventory (contexts still apply).")
    var kubeconfig: String?

    @Option(name: [.short, .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if output == .markdown { throw ValidationError("quota prints text or json") }
    }

    func run() async throws {
        var arguments = specs + ["--playbook", playbook]
        if let inventory { arguments += ["--inventory", inventory] }
        if let catalog { arguments += ["--catalog", catalog] }
        let loaded = try PlanInputs.parse(arguments).load(json: output == .json)
        guard let target = loaded.targets.first(where: { $0.tenant.spec.name == tenant }) else {
            throw ValidationError(
                "no spec for tenant \(tenant) under \(specs.isEmpty ? "Tenants/" : specs.joined(separator: ", "))")
        }
        let connector = connection.connector(kubeconfigOverride: kubeconfig, inventoryFile: loaded.inventoryFile)
        let status: QuotaStatus
        do {
            status = try await FleetPlanner(connector: connector, playbook: loaded.playbook).quota(
                FleetPlanner.Tenant(spec: target.tenant.spec, decision: target.decision, cluster: target.cluster))
        } catch let error as PlanningError {
            target.report(error.messages)
            throw ExitCode(1)
        } catch {
            target.report(["\(error)"])
            throw ExitCode(1)
        }
        print(QuotaReport(status).render(output), terminator: "")
        if !status.overAllocated.isEmpty { throw ExitCode(1) }
    }
}
