import CCEModel

extension CCEAddon {
    /// Whether the add-on runs: `running`, or `available` (partly ready).
    public var isReady: Bool { status?.status == "running" || status?.status == "available" }

    /// Whether installing, upgrading or deleting it failed.
    public var hasFailed: Bool {
        ["installFailed", "upgradeFailed", "deleteFailed", "rollbackFailed", "unknown"].contains(status?.status ?? "")
    }

    /// The cluster the add-on goes to; a body without one (as TenancyCore renders it) is not sent.
    func clusterIDToSend() throws -> String {
        guard let clusterID = spec.clusterID else {
            throw CCEInputError("add-on \(spec.addonTemplateName) names no cluster (spec.clusterID)")
        }
        return clusterID
    }
}
