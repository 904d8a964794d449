import JSON

/// A plan saved by `tenantctl plan --out` (docs/plan.md): the inputs it was computed from, by name, the SHA-256 of
/// every file read for it, and the plans. `tenantctl apply` checks the digests, plans again from the inputs and
/// applies that fresh plan only when it is the saved one (`Plan.staleness`). Pure data: reading the files and
/// hashing them is the caller's.
public struct SavedPlan: Sendable, Hashable {
    public static let apiVersion = "tenantctl.io/v1"
    public static let kind = "SavedPlan"

    public var inputs: Inputs
    public var digests: [Digest]
    public var plans: [Plan]

    public init(inputs: Inputs, digests: [Digest], plans: [Plan]) {
        self.inputs = inputs
        self.digests = digests
        self.plans = plans
    }

    /// What `tenantctl plan` was given, as absolute paths; nil where it took the default.
    public struct Inputs: Sendable, Hashable {
        /// Spec files or folders.
        public var specs: [String]
        public var playbook: String
        public var inventory: String?
        public var catalog: String?
        /// The kubeconfig used for every cluster instead of the inventory's (`--kubeconfig`).
        public var kubeconfig: String?
        /// Planned to take over objects without tenantctl's labels (`--adopt`).
        public var adopt: Bool
        /// Planned to divide each tenant's quota toward where it is used (`--rebalance-quota`).
        public var rebalanceQuota: Bool

        public init(
            specs: [String], playbook: String, inventory: String?, catalog: String?, kubeconfig: String?, adopt: Bool,
            rebalanceQuota: Bool
        ) {
            self.specs = specs
            self.playbook = playbook
            self.inventory = inventory
            self.catalog = catalog
            self.kubeconfig = kubeconfig
            self.adopt = adopt
            self.rebalanceQuota = rebalanceQuota
        }
    }

    /// A file read for the plans, by absolute path, and the lowercase hex SHA-256 of its content then.
    public struct Digest: Sendable, Hashable, Codable {
        public var path: String
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// A document that is not a saved plan this tenantctl can use; `description` follows "the saved plan FILE".
    public struct Unusable: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Why the inputs moved since the plan was made, given `digest`, which reads a file's SHA-256 now (nil when it
    /// cannot be read); nil when none did.
    public func movedInput(digest: (String) -> String?) -> String? {
        digests.first { digest($0.path) != $0.sha256 }.map { "\($0.path) changed since the plan was made" }
    }

    /// Why planning again would read a file the plan was not made from (absolute `paths`, before reading them);
    /// nil when every one has a digest.
    public func unrecordedInput(_ paths: [String]) -> String? {
        let recorded = Set(digests.map(\.path))
        return paths.first { !recorded.contains($0) }.map { "\($0) was not an input when the plan was made" }
    }
}
