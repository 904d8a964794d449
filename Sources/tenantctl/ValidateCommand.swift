import ArgumentParser
import Foundation
import TenancyCore

/// `tenantctl validate`: checks tenant specs and the cluster inventory without touching any cluster.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check tenant specs, the cluster inventory and the price catalog; print every problem with its file:line:column.",
        discussion: """
            Exits 0 when everything is valid, 1 when anything is invalid, 2 on usage errors.

            Examples:
              tenantctl validate                      # everything under Tenants/
              tenantctl validate Tenants/acme.yaml    # one spec (clusters.yaml beside it is the inventory)
              tenantctl validate -o json Tenants/
              tenantctl validate --catalog prices.yaml   # budgets and compliance tags against another catalog
            """)

    @OptionGroup var inputs: WorkspaceInputs

    @Option(name: [.short, .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if output == .markdown { throw ValidationError("validate prints text or json") }
    }

    func run() throws {
        let (files, workspace) = try inputs.load(catalogRequired: false)
        print(DiagnosticReport(files: files, workspace: workspace).render(output), terminator: "")
        if workspace.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
