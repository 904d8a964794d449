import ArgumentParser
import Foundation
import TenancyCore

/// The inputs `validate` and `decide` share: spec files or folders, the cluster inventory and the price
/// catalog, loaded into one workspace with every problem found.
struct WorkspaceInputs: ParsableArguments {
    static let defaultCatalog = "Playbooks/catalog.yaml"

    @Argument(help: "Spec files or folders (default: Tenants/).")
    var paths: [String] = []

    @Option(help: "The cluster inventory (default: clusters.yaml beside the specs, else Tenants/clusters.yaml).")
    var inventory: String?

    @Option(
        help:
            "The price catalog: prices, compliance tags, supported versions (default: \(defaultCatalog) when it exists)."
    )
    var catalog: String?

    /// The files read, and the workspace with the catalog in it; `catalogRequired` makes a missing catalog a usage error.
    func load(catalogRequired: Bool) throws -> (files: [String], workspace: Workspace) {
        let roots = paths.isEmpty ? ["Tenants/"] : paths
        var files = try InputFiles.expand(roots)
        if let inventory {
            // The named inventory goes first, so it is the one specs are checked against.
            var named = try InputFiles.expand([inventory])
            named.append(contentsOf: files)
            files = named
        } else if let found = InputFiles.defaultInventory(for: roots, files: files) {
            files.insert(found)
        }
        guard !files.isEmpty else { throw ValidationError("no YAML files under \(roots.joined(separator: ", "))") }

        let catalogFile = try catalogPath(required: catalogRequired).flatMap { files.contains($0) ? nil : $0 }
        var catalogWorkspace = Workspace()
        if let catalogFile {
            catalogWorkspace = WorkspaceLoader.load(try InputFiles.read([catalogFile]))
            if catalogWorkspace.catalog == nil, !catalogWorkspace.diagnostics.hasErrors {
                throw ValidationError("\(catalogFile) holds no PriceCatalog")
            }
        }
        let (readable, unreadable) = InputFiles.readable(files.paths)
        var workspace = WorkspaceLoader.load(readable, options: LoadOptions(catalog: catalogWorkspace.catalog))
        workspace.diagnostics += unreadable
        if workspace.catalog == nil {
            workspace.catalog = catalogWorkspace.catalog
            workspace.catalogSource = catalogWorkspace.catalogSource
        }
        workspace.diagnostics = (catalogWorkspace.diagnostics + workspace.diagnostics).sortedByLocation()
        if catalogRequired, workspace.catalog == nil, !workspace.diagnostics.hasErrors {
            throw ValidationError("no price catalog: pass --catalog FILE")
        }
        return (files.paths + (catalogFile.map { [$0] } ?? []), workspace)
    }

    private func catalogPath(required: Bool) throws -> String? {
        if let catalog {
            guard FileManager.default.fileExists(atPath: catalog) else {
                throw ValidationError("no such file: \(catalog)")
            }
            return catalog
        }
        if FileManager.default.fileExists(atPath: Self.defaultCatalog) { return Self.defaultCatalog }
        if required {
            throw ValidationError("no price catalog: \(Self.defaultCatalog) does not exist here; pass --catalog FILE")
        }
        return nil
    }
}
