import ArgumentParser
import Engine
import TenancyCore

/// `tenantctl addon`: the CCE add-ons of the inventory's clusters; `remove` uninstalls one (G8: the Web
/// Terminal when it is not in use) and deletes what it leaves behind.
struct AddonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "addon",
        abstract: "List or remove the CCE add-ons of the inventory's clusters.",
        discussion: """
            Examples:
              tenantctl addon list                                   # every cluster of Tenants/clusters.yaml
              tenantctl addon list --cluster shared-prod -o json
              tenantctl addon remove web-terminal --cluster shared-prod --dry-run
              tenantctl addon remove web-terminal --all-clusters --kubeconfig .tenantctl/sandbox/kubeconfig
            """,
        subcommands: [AddonListCommand.self, AddonRemoveCommand.self])
}

/// The clusters `addon` works on and how it reaches them.
struct AddonTargets: ParsableArguments {
    @Option(help: "The cluster inventory (default: \(AddonTargets.defaultInventory)).")
    var inventory: String = AddonTargets.defaultInventory

    @Option(help: "A kubeconfig to use for every cluster instead of the paths in the inventory (contexts still apply).")
    var kubeconfig: String?

    @Option(help: "The inventory cluster to work on.")
    var cluster: String?

    @Flag(help: "Work on every cluster of the inventory.")
    var allClusters = false

    static let defaultInventory = "Tenants/clusters.yaml"

    func validate() throws {
        if cluster != nil, allClusters { throw ValidationError("pass either --cluster or --all-clusters, not both") }
    }

    /// The selected clusters (every cluster when `everyByDefault` and neither option is given).
    func clusters(everyByDefault: Bool) throws -> [ClusterProfile] {
        if let cluster { return [try InventoryFile.cluster(cluster, in: inventory)] }
        guard allClusters || everyByDefault else { throw ValidationError("pass --cluster NAME or --all-clusters") }
        return try InventoryFile.load(inventory).clusters
    }

    @OptionGroup var connection: ConnectionOptions

    var connector: ClusterConnector {
        connection.connector(kubeconfigOverride: kubeconfig, inventoryFile: inventory)
    }
}
