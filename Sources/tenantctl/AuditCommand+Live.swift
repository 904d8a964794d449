import ArgumentParser
import Engine
import KubeAPI
import TenancyCore

/// The live half of `tenantctl audit`: the cluster to read, and the tenant specs its namespaces are checked against.
extension AuditCommand {
    /// Every finding for the live cluster; a cluster that cannot be reached or read is an error (exit 1).
    func live() async throws -> [Finding] {
        let specs = try tenantSpecs()
        let inventory = self.inventory ?? AddonTargets.defaultInventory
        let profile = try cluster.map { try InventoryFile.cluster($0, in: inventory) }
        let window = try WorkspaceFiles.catalog(named: catalog)?.kubernetes
        let connector = connection.connector(
            kubeconfigOverride: kubeconfig, inventoryFile: profile.map { _ in inventory })
        let client: KubeClient
        do {
            client =
                try profile.map { try connector.kubeClient(for: $0) }
                ?? connector.kubeClient(kubeconfig: kubeconfig, context: context)
        } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
        do {
            return try await AuditReader(client: client).read().audit(versionWindow: window, tenants: specs)
        } catch {
            Console.error("reading the cluster: \(error)")
            throw ExitCode(1)
        }
    }

    /// The specs `--tenants` names, read and checked as `validate` reads them; invalid ones end the audit (exit 1).
    private func tenantSpecs() throws -> [TenantSpec] {
        guard !tenants.isEmpty else { return [] }
        let (_, workspace) = try WorkspaceFiles(paths: tenants, inventory: inventory, catalog: catalog).load(
            catalogRequired: false)
        Console.write(workspace.diagnostics.map(\.description))
        if workspace.diagnostics.hasErrors {
            Console.error("--tenants: fix the errors above (tenantctl validate shows them too)")
            throw ExitCode(1)
        }
        return workspace.tenants.map(\.spec)
    }
}
