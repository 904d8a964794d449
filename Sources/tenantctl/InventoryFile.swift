import ArgumentParser
import Foundation
import TenancyCore

/// A cluster inventory named on its own (`--inventory` of `sandbox`, `addon`, `audit`), read the way every input
/// is (`InputFiles`, `WorkspaceLoader`): a missing file or an error in it is a usage error quoting every problem.
enum InventoryFile {
    static func load(_ path: String) throws -> ClusterInventory {
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no such file: \(path)") }
        let workspace = WorkspaceLoader.load(try InputFiles.read([path]))
        let errors = workspace.diagnostics.filter { $0.severity == .error && $0.file == path }
        guard errors.isEmpty else { throw ValidationError(errors.map(\.description).joined(separator: "\n")) }
        guard let inventory = workspace.inventory else { throw ValidationError("\(path) holds no ClusterInventory") }
        return inventory
    }

    /// The `state:` of `Tenants/clusters.yaml`, for commands that name no inventory (`runs`, `resume`, `rollback`);
    /// nil when it has none, or is absent or has errors (which the commands that read it report). Read once.
    static let defaultState: StateLocation? = {
        let path = AddonTargets.defaultInventory
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return WorkspaceLoader.load((try? InputFiles.read([path])) ?? []).inventory?.state
    }()

    /// The cluster named `name` in the inventory in `path`.
    static func cluster(_ name: String, in path: String) throws -> ClusterProfile {
        let inventory = try load(path)
        guard let profile = inventory.cluster(named: name) else {
            throw ValidationError(
                "no cluster \(name) in \(path) (it has: \(inventory.clusters.map(\.name).joined(separator: ", ")))")
        }
        return profile
    }
}
