import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// Where runs are journalled and tenants locked: a local state directory (the default), or a namespace of a
/// management cluster, `kube://CONTEXT/NAMESPACE` (the context from the usual kubeconfig: `KUBECONFIG` or
/// `~/.kube/config`), shared by every machine that names it.
struct StateOptions: ParsableArguments {
    @Option(help: "The local state directory runs are journalled in and tenants locked in.")
    var stateDir: String = LocalJournalStore.defaultPath

    @Option(
        name: .customLong("state"),
        help: "Keep runs and locks in a management cluster instead: kube://CONTEXT/NAMESPACE (default: $TENANTCTL_STATE).")
    var kubeState: String?

    @Option(help: "Seconds a tenant's Lease stays held without renewal (the cluster store, and every run's claim).")
    var leaseDuration: Int = LeaseLock.defaultDuration

    /// `kube://CONTEXT/NAMESPACE`, split; nil for the local directory.
    var kubeLocation: (context: String, namespace: String)? {
        get throws {
            let environment = ProcessInfo.processInfo.environment["TENANTCTL_STATE"].flatMap { $0.isEmpty ? nil : $0 }
            guard let text = kubeState ?? environment else { return nil }
            let parts = text.hasPrefix("kube://") ? text.dropFirst("kube://".count).split(separator: "/", omittingEmptySubsequences: false) : []
            guard parts.count == 2, !parts[0].isEmpty, TenantName.problem(String(parts[1])) == nil else {
                throw ValidationError("--state must be kube://CONTEXT/NAMESPACE, with NAMESPACE a DNS-1123 label, not \(text)")
            }
            return (String(parts[0]), String(parts[1]))
        }
    }

    func validate() throws {
        guard (3...3600).contains(leaseDuration) else {
            throw ValidationError("--lease-duration must be between 3 and 3600 seconds, not \(leaseDuration)")
        }
        _ = try kubeLocation
    }

    /// Where the runs are, in words: the directory, or the cluster namespace.
    var place: String {
        (try? kubeLocation).flatMap { $0.map { "kube://\($0.context)/\($0.namespace)" } } ?? "the state directory \(stateDir)"
    }

    /// The store named, reaching a management cluster through `connection`'s limits.
    func store(connection: ConnectionOptions) throws -> any JournalStore {
        guard let (context, namespace) = try kubeLocation else {
            return LocalJournalStore(directory: URL(fileURLWithPath: stateDir))
        }
        let client = try connection.connector(kubeconfigOverride: nil, inventoryFile: nil)
            .kubeClient(kubeconfig: nil, context: context)
        return KubernetesJournalStore(client: client, namespace: namespace, leaseDuration: leaseDuration)
    }
}
