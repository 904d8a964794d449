import ArgumentParser
import Foundation
import TenancyCore

/// The inputs `plan` and `render` share: specs, inventory and catalog (as for `decide`), and the playbook;
/// loaded, validated and decided, with every problem reported before anything connects.
struct PlanInputs: ParsableArguments {
    static let defaultPlaybook = "Playbooks/onboarding.yaml"

    @OptionGroup var workspace: WorkspaceInputs

    @Option(help: "The onboarding playbook (default: \(defaultPlaybook)).")
    var playbook: String = defaultPlaybook

    /// These inputs as a saved plan records them (absolute paths), with the plan's `kubeconfig`, `adopt` and
    /// `rebalanceQuota`.
    func recorded(kubeconfig: String?, adopt: Bool, rebalanceQuota: Bool) -> SavedPlan.Inputs {
        let files = workspace.files
        return SavedPlan.Inputs(
            specs: files.roots.map(InputFiles.absolute), playbook: InputFiles.absolute(playbook),
            inventory: files.inventory.map(InputFiles.absolute), catalog: files.catalog.map(InputFiles.absolute),
            kubeconfig: kubeconfig.map(InputFiles.absolute), adopt: adopt,
            rebalanceQuota: rebalanceQuota)
    }

    /// One tenant to plan: its spec, where it goes and why.
    struct Target {
        let tenant: LoadedTenant
        let cluster: ClusterProfile
        let decision: Decision
    }

    /// Everything loaded: the tenants to plan, the playbook and the files read (for a saved plan's digests).
    struct Loaded {
        let targets: [Target]
        let playbook: Playbook
        let files: [String]
        let inventoryFile: String?
        /// The inventory's `state:`: where runs are kept unless the command line says otherwise.
        let state: StateLocation?
    }

    /// Loads and decides; prints the problems and exits 1 when an input is invalid or a tenant cannot be placed.
    func load(json: Bool) throws -> Loaded { try Self.load(workspace.files, playbook: playbook, json: json) }

    /// Loads `files` and `playbook` and decides, each file read only once `admit` let it be (a saved plan admits
    /// only the files it has digests of); prints the problems and exits 1 when an input is invalid or a tenant
    /// cannot be placed.
    static func load(
        _ files: WorkspaceFiles, playbook: String, json: Bool, admit: ([String]) throws -> Void = { _ in }
    ) throws -> Loaded {
        let (read, workspace) = try files.load(catalogRequired: true, admit: admit)
        guard FileManager.default.fileExists(atPath: playbook) else {
            throw ValidationError("no such playbook: \(playbook)")
        }
        try admit([playbook])
        let playbooks = WorkspaceLoader.load(try InputFiles.read([playbook]))
        let diagnostics = (workspace.diagnostics + playbooks.diagnostics).sortedByLocation()
        guard !diagnostics.hasErrors, let catalog = workspace.catalog, let inventory = workspace.inventory,
            let loadedPlaybook = playbooks.playbooks.first
        else {
            var shown = workspace
            shown.diagnostics = diagnostics
            print(
                DiagnosticReport(files: read + [playbook], workspace: shown).render(json ? .json : .text),
                terminator: "")
            if playbooks.playbooks.isEmpty, !playbooks.diagnostics.hasErrors {
                Console.write(["\(playbook) holds no Playbook"])
            }
            throw ExitCode(1)
        }
        Console.write(diagnostics.map(\.description))
        var targets: [Target] = []
        var unplaceable: [String] = []
        for tenant in workspace.tenants {
            guard let cluster = inventory.cluster(named: tenant.spec.cluster) else { continue }
            let decision = Decider.decide(tenant.spec, on: cluster, catalog: catalog)
            guard decision.placeable else {
                let errors = decision.reasons.filter { $0.kind == .error }.map(\.text)
                unplaceable.append(
                    "\(tenant.spec.name) cannot be placed: \(errors.joined(separator: "; ")) (tenantctl decide shows why)"
                )
                continue
            }
            targets.append(Target(tenant: tenant, cluster: cluster, decision: decision))
        }
        guard unplaceable.isEmpty else {
            Console.errors(unplaceable)
            throw ExitCode(1)
        }
        let inventoryFile = workspace.inventorySource?.file
        return Loaded(
            targets: targets, playbook: loadedPlaybook, files: read + [playbook], inventoryFile: inventoryFile,
            state: inventory.state)
    }
}

extension PlanInputs.Target {
    /// The planner's inputs with `facts`.
    func inputs(_ playbook: Playbook, facts: ClusterFacts) -> TenantPlanner.Inputs {
        TenantPlanner.Inputs(spec: tenant.spec, decision: decision, cluster: cluster, facts: facts, playbook: playbook)
    }

    /// Facts assumed without connecting: the inventory's version, or the new cluster's.
    var assumedFacts: ClusterFacts {
        if case .own(let new) = decision.layout.site { return .assumed(version: new.version) }
        return .assumed(version: cluster.version)
    }

    /// The plan against an empty cluster with the assumed facts, without connecting (`plan --offline`).
    func offlinePlan(_ playbook: Playbook) throws(PlanningError) -> Plan {
        let inputs = inputs(playbook, facts: assumedFacts)
        return TenantPlanner.plan(inputs, steps: try TenantPlanner.render(inputs), live: LiveState(), offline: true)
    }

    /// Prints `messages` on standard error as this tenant's errors.
    func report(_ messages: [String]) {
        Console.errors(messages.map { "\(tenant.spec.name): \($0)" })
    }
}
