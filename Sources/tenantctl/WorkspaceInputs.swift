import ArgumentParser
import TenancyCore

/// The inputs `validate` and `decide` share: spec files or folders, the cluster inventory and the price
/// catalog, loaded into one workspace with every problem found.
struct WorkspaceInputs: ParsableArguments {
    @Argument(help: "Spec files or folders (default: Tenants/).")
    var paths: [String] = []

    @Option(help: "The cluster inventory (default: clusters.yaml beside the specs, else Tenants/clusters.yaml).")
    var inventory: String?

    @Option(
        help:
            "The price catalog: prices, compliance tags, supported versions (default: \(WorkspaceFiles.defaultCatalog) when it exists)."
    )
    var catalog: String?

    /// The files these options name.
    var files: WorkspaceFiles { WorkspaceFiles(paths: paths, inventory: inventory, catalog: catalog) }

    /// The files read, and the workspace with the catalog in it; `catalogRequired` makes a missing catalog a usage error.
    func load(catalogRequired: Bool) throws -> (files: [String], workspace: Workspace) {
        try files.load(catalogRequired: catalogRequired)
    }
}
