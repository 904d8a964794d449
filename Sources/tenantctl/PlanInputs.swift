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

    /// These inputs as command-line arguments (absolute paths), to load them again later.
    var arguments: [String] {
        func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
        var arguments = workspace.paths.map(absolute) + ["--playbook", absolute(playbook)]
        if let inventory = workspace.inventory { arguments += ["--inventory", absolute(inventory)] }
        if let catalog = workspace.catalog { arguments += ["--catalog", absolute(catalog)] }
        return arguments
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
    func load(json: Bool) throws -> Loaded {
        let (files, workspace) = try self.workspace.load(catalogRequired: true)
        guard FileManager.default.fileExists(atPath: playbook) else {
            throw ValidationError("no such playbook: \(playbook)")
        }
        let playbooks = WorkspaceLoader.load(try InputFiles.read([playbook]))
        let diagnostics = (workspace.diagnostics + playbooks.diagnostics).sortedByLocation()
        guard !diagnostics.hasErrors, let catalog = workspace.catalog, let inventory = workspace.inventory,
            let playbook = playbooks.playbooks.first
        else {
            var shown = workspace
            shown.diagnostics = diagnostics
            print(
                DiagnosticReport(files: files + [self.playbook], workspace: shown).render(json ? .json : .text),
                terminator: "")
            if playbooks.playbooks.isEmpty, !playbooks.diagnostics.hasErrors {
                Console.write(["\(self.playbook) holds no Playbook"])
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
            targets: targets, playbook: playbook, files: files + [self.playbook], inventoryFile: inventoryFile,
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
