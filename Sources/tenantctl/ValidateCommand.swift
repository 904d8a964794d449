import ArgumentParser
import Foundation
import TenancyCore

/// `tenantctl validate`: checks tenant specs and the cluster inventory without touching any cluster.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check tenant specs and the cluster inventory; print every problem with its file:line:column.",
        discussion: """
            Exits 0 when everything is valid, 1 when anything is invalid, 2 on usage errors.

            Examples:
              tenantctl validate                      # everything under Tenants/
              tenantctl validate Tenants/acme.yaml    # one spec (clusters.yaml beside it is the inventory)
              tenantctl validate -o json Tenants/
            """)

    @Argument(help: "Spec files or folders (default: Tenants/).")
    var paths: [String] = []

    @Option(help: "The cluster inventory (default: clusters.yaml beside the specs, else Tenants/clusters.yaml).")
    var inventory: String?

    @Option(name: [.short, .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if output == .markdown { throw ValidationError("validate prints text or json") }
    }

    func run() throws {
        let roots = paths.isEmpty ? ["Tenants/"] : paths
        var files = try InputFiles.expand(roots)
        if let inventory {
            // The named inventory goes first, so it is the one specs are checked against.
            let named = try InputFiles.expand([inventory])
            files = named + files.filter { f in !named.contains { InputFiles.standardized($0) == InputFiles.standardized(f) } }
        } else if let found = InputFiles.defaultInventory(for: roots, files: files) {
            files.append(found)
        }
        guard !files.isEmpty else { throw ValidationError("no YAML files under \(roots.joined(separator: ", "))") }
        let workspace = WorkspaceLoader.load(try InputFiles.read(files))
        print(DiagnosticReport(files: files, workspace: workspace).render(output), terminator: "")
        if workspace.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
