import ArgumentParser
import Engine
import Foundation
import JSON
import TenancyCore

/// `tenantctl offboard TENANT`: removes everything tenantctl made for a tenant, in a safe order, after review.
struct OffboardCommand: AsyncParsableCommand {
    static let defaultPlaybook = "Playbooks/offboarding.yaml"

    static let configuration = CommandConfiguration(
        commandName: "offboard",
        abstract: "Remove a tenant: its access, namespaces, node pools, enforcement and own cluster, after review.",
        discussion: """
            Finds what the tenant's cluster holds labelled for the tenant (tenantctl.io/tenant: TENANT) — and,
            for physical isolation, the tenant's own CCE cluster — and plans the offboarding playbook over it:
            RoleBindings first, then namespaces, then the tenant's node pools (once no pod but DaemonSets' runs
            on them), its admission policy, the secure RuntimeClass when no one else uses it, and its own
            cluster last. Objects without the tenant's labels are never touched.

            Without --confirm, nothing is deleted: the plan is printed with what each step holds — volume
            claims and their size, LoadBalancer Services (ELB, EIP), nodes, the cluster — and the finalizers
            that may hold a deletion up; steps marked IRREVERSIBLE cannot be undone. With --confirm TENANT the
            plan runs through the apply engine: journalled, one run per tenant, stopping (never rolling back) on
            a failure — a namespace still terminating after --deletion-timeout is reported with what holds it —
            for `tenantctl resume RUN`. Offboarding a tenant that is gone is a no-op.

            The cluster is the one the tenant's spec names (found under --specs), or --cluster.
            Exits 0 when the tenant is offboarded or the plan was shown, 1 on errors or conflicts, 2 on usage errors.

            Examples:
              tenantctl offboard acme
              tenantctl offboard acme --confirm acme
              tenantctl offboard finbank --cluster prod-shanghai -o json
              tenantctl resume 20261123-031500-acme-1a2b3c
            """)

    @Argument(help: "The tenant's name.")
    var tenant: String

    @Option(help: "Repeat the tenant's name to delete; without it nothing is deleted.")
    var confirm: String?

    @Option(help: "The inventory cluster the tenant was onboarded to (default: the cluster its spec names).")
    var cluster: String?

    @Option(help: "Spec files or folders to find the tenant's spec in (default: Tenants/).")
    var specs: [String] = []

    @Option(help: "The cluster inventory (default: clusters.yaml beside the specs, else Tenants/clusters.yaml).")
    var inventory: String?

    @Option(help: "The offboarding playbook (default: \(defaultPlaybook)).")
    var playbook: String = defaultPlaybook

    @Option(help: "A kubeconfig to use instead of the inventory's path (its context still applies).")
    var kubeconfig: String?

    @Option(
        name: [.short, .customLong("output")],
        help: "How to print the plan: text, json or markdown (json and markdown only without --confirm).")
    var output: OutputFormat = .text

    @OptionGroup var run: RunOptions

    func validate() throws {
        if let problem = TenantName.problem(tenant) { throw ValidationError("the tenant's name \(problem)") }
        if let confirm, confirm != tenant {
            throw ValidationError("--confirm must repeat the tenant's name (\(tenant)), not \(confirm)")
        }
        if confirm != nil, output != .text {
            throw ValidationError("-o \(output.rawValue) shows the plan only; leave out --confirm")
        }
    }

    func run() async throws {
        let (profile, inventoryFile, state) = try locate()
        let connector = run.connection.connector(kubeconfigOverride: kubeconfig, inventoryFile: inventoryFile)
        let planned: (plan: Plan, access: RunAccess)
        do {
            planned = try await LiveOffboarding.plan(
                tenant: tenant, cluster: profile, playbook: try loadPlaybook(), connector: connector)
        } catch let error as PlanningError {
            Console.errors(error.messages.map { "\(tenant): \($0)" })
            throw ExitCode(1)
        }
        let plan = planned.plan
        print(try output.render([plan], colour: OutputFormat.colour(noColor: run.noColor)), terminator: "")
        fflush(nil)  // the plan goes out before the run's unbuffered progress lines
        if plan.count(.conflict) > 0 {
            Console.error("\(tenant): nothing was deleted: the plan has conflicts")
            throw ExitCode(1)
        }
        guard plan.hasChanges else { return }
        guard confirm == tenant else {
            if output == .text {
                print(
                    "\nNothing was deleted. Review the plan; to offboard \(tenant), run: tenantctl offboard \(tenant) --confirm \(tenant)"
                )
            }
            return
        }
        let output = ProgressOutput(tenants: 1, parallel: 1)
        let engine = try run.engine(
            tenant: tenant, connector: connector, output: output, rollbackOnFailure: false, state: state)
        guard let (id, machine) = try await engine.apply(plan, access: planned.access) else { return }
        try RunOptions.conclude(run: id, tenant: tenant, machine, output: output, undoable: false)
    }
}
