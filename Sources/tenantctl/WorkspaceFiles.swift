import ArgumentParser
import Foundation
import TenancyCore

/// Spec files or folders, the cluster inventory and the price catalog, loaded into one workspace with every problem
/// found: how `validate`, `decide`, `plan`, `apply` and `offboard` read their inputs.
struct WorkspaceFiles {
    static let defaultCatalog = "Playbooks/catalog.yaml"

    /// Spec files or folders (none: `Tenants/`).
    var paths: [String]
    /// The cluster inventory (nil: `clusters.yaml` beside the specs, else `Tenants/clusters.yaml`).
    var inventory: String?
    /// The price catalog (nil: the default one when it exists).
    var catalog: String?

    /// The spec files or folders read: `paths`, or `Tenants/`.
    var roots: [String] { paths.isEmpty ? ["Tenants/"] : paths }

    /// The files read, and the workspace with the catalog in it; `catalogRequired` makes a missing catalog a usage error.
    /// No file is read before `admit` has let every one of them be.
    func load(
        catalogRequired: Bool, admit: ([String]) throws -> Void = { _ in }
    ) throws -> (files: [String], workspace: Workspace) {
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

        let catalogFile = try Self.catalogPath(named: catalog, required: catalogRequired).flatMap {
            files.contains($0) ? nil : $0
        }
        try admit(files.paths + (catalogFile.map { [$0] } ?? []))
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

    /// The catalog file: the one named (which must exist), else the default one when it exists.
    private static func catalogPath(named catalog: String?, required: Bool) throws -> String? {
        if let catalog {
            guard FileManager.default.fileExists(atPath: catalog) else {
                throw ValidationError("no such file: \(catalog)")
            }
            return catalog
        }
        if FileManager.default.fileExists(atPath: defaultCatalog) { return defaultCatalog }
        if required {
            throw ValidationError("no price catalog: \(defaultCatalog) does not exist here; pass --catalog FILE")
        }
        return nil
    }

    /// The catalog named, else the default one when it exists; nil when there is neither. A file that holds no valid
    /// catalog is a usage error.
    static func catalog(named path: String?) throws -> PriceCatalog? {
        guard let file = try catalogPath(named: path, required: false) else { return nil }
        let workspace = WorkspaceLoader.load(try InputFiles.read([file]))
        guard let catalog = workspace.catalog, !workspace.diagnostics.hasErrors else {
            throw ValidationError("\(file) holds no valid PriceCatalog")
        }
        return catalog
    }
}
