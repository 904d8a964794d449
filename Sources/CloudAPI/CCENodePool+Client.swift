import CCEModel

extension CCENodePool {
    /// Whether the pool has the nodes it wants: as many as `spec.initialNodeCount` (on a GET, the desired count)
    /// and none still being created. Without a status it is not.
    public var isReady: Bool {
        guard let status, let current = status.currentNode else { return false }
        return current == spec.initialNodeCount && (status.creatingNode ?? 0) == 0
    }

    /// How far the pool is, for waits: `1 of 3 nodes, 2 being created (phase Synchronizing)`.
    public var progress: String {
        let counts =
            "\(status?.currentNode ?? 0) of \(spec.initialNodeCount) nodes, \(status?.creatingNode ?? 0) being created"
        let phase = status?.phase ?? ""
        return phase.isEmpty ? counts : "\(counts) (phase \(phase))"
    }
}
