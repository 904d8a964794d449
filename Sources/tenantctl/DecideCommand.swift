import ArgumentParser
import Foundation
import TenancyCore

/// `tenantctl decide`: logical or physical isolation for each tenant, the reasons, and both options' costs.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Choose logical or physical isolation for each tenant, explain why, and estimate what both cost.",
        discussion: """
            Reads specs, the cluster inventory and the price catalog; touches no cluster. Every choice cites
            the guidance (G1-G14) and the fields behind it. Costs are per hour and per month (730 h); shared
            nodes are charged by the tenant's quota share divided by the utilisation assumption.

            Exits 0 when every tenant can be placed, 1 when any cannot (an error in its decision, or a
            budget its isolation does not fit) or the inputs are invalid, 2 on usage errors.

            Examples:
              tenantctl decide                          # every tenant under Tenants/
              tenantctl decide Tenants/acme.yaml -o markdown
              tenantctl decide --utilization 0.6 -o json
            """)

    @OptionGroup var inputs: WorkspaceInputs

    @Option(
        help:
            "Share of the shared nodes' capacity that quotas fill, above 0 and at most 1, or a percentage such as 70% (default: the catalog's)."
    )
    var utilization: String?

    @Flag(help: "Accept an explicit isolation weaker than required, with a warning instead of an error.")
    var allowWeaker = false

    @Option(name: [.short, .customLong("output")], help: "Output format: text, json or markdown.")
    var output: OutputFormat = .text

    func validate() throws {
        _ = try parsedUtilization()
    }

    func run() throws {
        let (files, workspace) = try inputs.load(catalogRequired: true)
        guard !workspace.diagnostics.hasErrors, let catalog = workspace.catalog, let inventory = workspace.inventory
        else {
            print(
                DiagnosticReport(files: files, workspace: workspace).render(output == .json ? .json : .text),
                terminator: "")
            if output != .json {
                Console.write(["decide needs valid inputs: fix the errors above (tenantctl validate shows them too)"])
            }
            throw ExitCode(1)
        }
        Console.write(workspace.diagnostics.map(\.description))
        let options = DecideOptions(allowWeaker: allowWeaker, utilization: try parsedUtilization())
        let entries = workspace.tenants.compactMap { tenant -> DecisionReport.Entry? in
            guard let cluster = inventory.cluster(named: tenant.spec.cluster) else { return nil }
            return DecisionReport.Entry(
                tenant: tenant, decision: Decider.decide(tenant.spec, on: cluster, catalog: catalog, options: options))
        }
        let report = DecisionReport(entries: entries, workspace: workspace, catalog: catalog, options: options)
        print(report.render(output), terminator: "")
        if !report.placeable { throw ExitCode(1) }
    }

    /// `--utilization` as an exact ratio: `0.7` or `70%`.
    private func parsedUtilization() throws -> Decimal? {
        guard let utilization else { return nil }
        let percent = utilization.hasSuffix("%")
        let number = percent ? String(utilization.dropLast()) : utilization
        guard number.range(of: #"^[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil,
            let value = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX"))
        else { throw ValidationError("--utilization must be a number such as 0.7 or 70%, found \"\(utilization)\"") }
        let ratio = percent ? value / 100 : value
        guard ratio > 0, ratio <= 1 else {
            throw ValidationError("--utilization must be above 0 and at most 1 (100%), found \(utilization)")
        }
        return ratio
    }
}
