import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// Where runs are journalled and tenants locked: a local state directory (the default), or a namespace of a
/// management cluster, `kube://CONTEXT/NAMESPACE` (the context from the usual kubeconfig: `KUBECONFIG` or
/// `~/.kube/config`), shared by every machine that names it: `--state`, else `TENANTCTL_STATE`, else — unless
/// `--state-dir` is given — the inventory's `state:`.
struct StateOptions: ParsableArguments {
    @Option(
        help:
            "The local state directory runs are journalled in and tenants locked in (default: \(LocalJournalStore.defaultPath))."
    )
    var stateDir: String?

    @Option(
        name: .customLong("state"),
        help:
            "Keep runs and locks in a management cluster instead: kube://CONTEXT/NAMESPACE (default: $TENANTCTL_STATE, else the inventory's state:)."
    )
    var kubeState: String?

    @Option(help: "Seconds a tenant's Lease stays held without renewal (the cluster store, and every run's claim).")
    var leaseDuration: Int = LeaseLock.defaultDuration

    var directory: String { stateDir ?? LocalJournalStore.defaultPath }

    /// The cluster store named on the command line or in the environment; nil when neither names one.
    private var named: StateLocation? {
        get throws {
            let environment = ProcessInfo.processInfo.environment["TENANTCTL_STATE"].flatMap { $0.isEmpty ? nil : $0 }
            guard let text = kubeState ?? environment else { return nil }
            guard let location = StateLocation(text) else {
                throw ValidationError("--state must be \(StateLocation.form), not \(text)")
            }
            return location
        }
    }

    /// The cluster store to use, `inventory` being the inventory's `state:`; nil for the local directory.
    func location(inventory: StateLocation?) throws -> StateLocation? {
        try named ?? (stateDir == nil ? inventory : nil)
    }

    func validate() throws {
        guard (3...3600).contains(leaseDuration) else {
            throw ValidationError("--lease-duration must be between 3 and 3600 seconds, not \(leaseDuration)")
        }
        _ = try named
    }

    /// Where the runs are, in words: the directory, or the cluster namespace.
    func place(inventory: StateLocation? = InventoryFile.defaultState) -> String {
        (try? location(inventory: inventory)).flatMap { $0.map(\.description) } ?? "the state directory \(directory)"
    }

    /// The store named, reaching a management cluster through `connection`'s limits; `inventory` is the `state:` of
    /// the inventory in use (by default, of `Tenants/clusters.yaml`).
    func store(connection: ConnectionOptions, inventory: StateLocation? = InventoryFile.defaultState) throws
        -> any JournalStore
    {
        guard let location = try location(inventory: inventory) else {
            return LocalJournalStore(directory: URL(fileURLWithPath: directory))
        }
        let client = try connection.connector(kubeconfigOverride: nil, inventoryFile: nil)
            .kubeClient(kubeconfig: nil, context: location.context)
        return KubernetesJournalStore(client: client, namespace: location.namespace, leaseDuration: leaseDuration)
    }
}
