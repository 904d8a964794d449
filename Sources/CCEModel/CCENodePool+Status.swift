extension CCENodePool {
    /// What CCE reports: node counts, and a phase the SDK marks deprecated.
    public struct Status: Codable, Sendable, Hashable {
        /// `""`, `Synchronizing`/`Synchronized` scaling, `SoldOut`, `Deleting`, `Error`. A pool just created
        /// already reads `""`, with no node yet: the phase does not say the pool is ready.
        public var phase: String?
        /// The nodes the pool has, not counting those being deleted.
        public var currentNode: Int?
        public var creatingNode: Int?
        public var deletingNode: Int?
        public var jobId: String?

        public init(phase: String? = nil, currentNode: Int? = nil, creatingNode: Int? = nil, deletingNode: Int? = nil) {
            self.phase = phase
            self.currentNode = currentNode
            self.creatingNode = creatingNode
            self.deletingNode = deletingNode
        }
    }
}
