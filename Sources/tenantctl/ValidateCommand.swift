import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// `tenantctl validate`: checks tenant specs and the cluster inventory; with a kubeconfig, also the inventory's
/// versions against the servers'.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Check tenant specs, the cluster inventory and the price catalog; print every problem with its file:line:column.",
        discussion: """
            Touches no cluster, unless --kubeconfig is given: then each cluster the specs use (every cluster of
            the inventory when no spec is given) is asked its version, and an inventory version that differs from
            the server's is a warning at that version (decisions and offline renders follow the inventory).
            Exits 0 when everything is valid, 1 when anything is invalid, 2 on usage errors.

            Examples:
              tenantctl validate                      # everything under Tenants/
              tenantctl validate Tenants/acme.yaml    # one spec (clusters.yaml beside it is the inventory)
              tenantctl validate -o json Tenants/
              tenantctl validate --catalog prices.yaml   # budgets and compliance tags against another catalog
              tenantctl validate --kubeconfig ~/.kube/config   # and the inventory's versions against the servers'
            """)

    @OptionGroup var inputs: WorkspaceInputs

    @Option(name: [.short, .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Option(
        help:
            "Check the inventory's Kubernetes versions against the servers, through this kubeconfig (contexts from the inventory)."
    )
    var kubeconfig: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if output == .markdown { throw ValidationError("validate prints text or json") }
    }

    func run() async throws {
        var (files, workspace) = try inputs.load(catalogRequired: false)
        if let kubeconfig, !workspace.diagnostics.hasErrors, let inventory = workspace.inventory,
            let source = workspace.inventorySource
        {
            let used = Set(workspace.tenants.map(\.spec.cluster))
            let clusters = inventory.clusters.enumerated().filter { used.isEmpty || used.contains($0.element.name) }
            let connector = connection.connector(kubeconfigOverride: kubeconfig, inventoryFile: source.file)
            workspace.diagnostics += await Self.versionWarnings(clusters, connector: connector, source: source)
        }
        print(DiagnosticReport(files: files, workspace: workspace).render(output), terminator: "")
        if workspace.diagnostics.hasErrors { throw ExitCode(1) }
    }

    /// A warning at each inventory version the server contradicts, or at each cluster that could not be asked.
    static func versionWarnings(
        _ clusters: [(offset: Int, element: ClusterProfile)], connector: ClusterConnector, source: SourceMap
    ) async -> [Diagnostic] {
        await withTaskGroup(of: Diagnostic?.self) { group in
            for (index, cluster) in clusters {
                group.addTask {
                    let path = FieldPath("clusters").appending(index: index).appending("version")
                    do {
                        let served = try await ClusterFactsReader.version(try connector.kubeClient(for: cluster))
                        guard served != cluster.version else { return nil }
                        return source.diagnostic(
                            .warning, at: path,
                            "the inventory says \(cluster.version), but the server of \(cluster.name) reports \(served); decisions and offline renders follow the inventory, plans the server"
                        )
                    } catch {
                        return source.diagnostic(
                            .warning, at: path, "the server of \(cluster.name) could not be asked its version: \(error)"
                        )
                    }
                }
            }
            var warnings: [Diagnostic] = []
            for await warning in group { if let warning { warnings.append(warning) } }
            return warnings.sortedByLocation()
        }
    }
}
