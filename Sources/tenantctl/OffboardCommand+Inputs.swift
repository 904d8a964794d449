import ArgumentParser
import Foundation
import TenancyCore

extension OffboardCommand {
    /// The tenant's cluster, the inventory file it is in, and the inventory's `state:`.
    func locate() throws -> (ClusterProfile, String?, StateLocation?) {
        let files = WorkspaceFiles(paths: specs, inventory: inventory, catalog: nil)
        let (_, workspace) = try files.load(catalogRequired: false)
        guard let clusters = workspace.inventory else {
            throw ValidationError("no cluster inventory found; pass --inventory FILE")
        }
        let spec = workspace.tenants.first { $0.spec.name == tenant }?.spec
        guard let name = cluster ?? spec?.cluster else {
            throw ValidationError(
                "no spec for tenant \(tenant) under \(specs.isEmpty ? "Tenants/" : specs.joined(separator: ", ")); name its cluster with --cluster"
            )
        }
        guard let profile = clusters.cluster(named: name) else {
            throw ValidationError(
                "no cluster \(name) in the inventory (it has: \(clusters.clusters.map(\.name).joined(separator: ", ")))"
            )
        }
        return (profile, workspace.inventorySource?.file, clusters.state)
    }

    /// The offboarding playbook; its problems are printed and end the command (exit 1).
    func loadPlaybook() throws -> Playbook {
        guard FileManager.default.fileExists(atPath: playbook) else {
            throw ValidationError("no such playbook: \(playbook)")
        }
        let loaded = WorkspaceLoader.load(try InputFiles.read([playbook]))
        Console.write(loaded.diagnostics.map(\.description))
        guard !loaded.diagnostics.hasErrors, let playbook = loaded.playbooks.first else {
            if loaded.playbooks.isEmpty, !loaded.diagnostics.hasErrors {
                Console.write(["\(self.playbook) holds no Playbook"])
            }
            throw ExitCode(1)
        }
        return playbook
    }
}
