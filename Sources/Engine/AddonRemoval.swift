import CloudAPI
import TenancyCore

/// Removing a CCE add-on from one inventory cluster: uninstall it through the CCE API (waiting until it is gone),
/// then delete what it leaves in the cluster's Kubernetes API — only the objects carrying its labels
/// (`AddonCleanup`). A dry run reads the same and changes nothing. Returns what happened, for the CLI to print.
public struct AddonRemoval: Sendable {
    /// The add-on's template name (`web-terminal`).
    public var template: String
    public var dryRun: Bool
    public var connector: ClusterConnector

    public init(template: String, dryRun: Bool, connector: ClusterConnector) {
        self.template = template
        self.dryRun = dryRun
        self.connector = connector
    }

    /// What became of the add-on on one cluster.
    public enum Outcome: Sendable, Hashable {
        /// The cluster has no `cce:` entry; nothing was read.
        case notCCE
        case notInstalled
        /// Uninstalled (or, in a dry run, would be); its version when CCE reports one.
        case removed(version: String?)
    }

    /// One cluster's result: the add-on's outcome and what it had left behind in Kubernetes.
    public struct Report: Sendable, Hashable {
        public var cluster: String
        public var outcome: Outcome
        /// What the add-on is known to leave, with the labels that make an object its own.
        public var footprint: [AddonCleanup.Footprint]
        /// What was found of the footprint: the labelled objects were deleted (in a dry run, would be), the others
        /// kept.
        public var leftovers: [AddonCleanup.Leftover]

        /// The labels an object must carry to be the add-on's `leftover`.
        public func labels(of leftover: AddonCleanup.Leftover) -> [String: String] {
            footprint.first { $0.reference == leftover.reference }?.labels ?? [:]
        }
    }

    /// Removes the add-on from `profile`'s cluster (in a dry run, reads what that would do).
    public func remove(from profile: ClusterProfile) async throws -> Report {
        guard let reference = profile.cce, let cce = try connector.cceClient(for: profile) else {
            return Report(cluster: profile.name, outcome: .notCCE, footprint: [], leftovers: [])
        }
        let kube = try connector.kubeClient(for: profile)
        let addon = try await cce.findAddon(templateName: template, cluster: reference.clusterID)
        let footprint = AddonCleanup.footprint(template: template, release: addon?.metadata.name)
        var outcome = Outcome.notInstalled
        if let addon {
            var removed = true
            if !dryRun { removed = try await cce.removeAddon(templateName: template, cluster: reference.clusterID) }
            if removed { outcome = .removed(version: addon.spec.version) }
        }
        let leftovers = try await AddonCleanup.leftovers(of: footprint, in: kube)
        if !dryRun { try await AddonCleanup.delete(leftovers, in: kube) }
        return Report(cluster: profile.name, outcome: outcome, footprint: footprint, leftovers: leftovers)
    }
}
