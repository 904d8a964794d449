import CCEModel

/// An asynchronous CCE job (`GET /api/v3/projects/{project_id}/jobs/{job_id}`) such as `CreateCluster`,
/// with its sub-jobs. Phases go `Initializing` → `Running` → `Success` | `Failed`.
public struct CCEJob: Codable, Sendable, Hashable {
    public var kind: String?
    public var apiVersion: String?
    public var metadata: CCEMetadata?
    public var spec: Spec?
    public var status: Status?

    /// What the job does, to which resource.
    public struct Spec: Codable, Sendable, Hashable {
        /// E.g. `CreateCluster`, `DeleteCluster`, `InstallMaster`.
        public var type: String?
        public var clusterUID: String?
        public var resourceID: String?
        public var resourceName: String?
        public var subJobs: [CCEJob]?
    }

    /// The job's phase and, on failure, why.
    public struct Status: Codable, Sendable, Hashable {
        public var phase: Phase?
        public var reason: String?
    }

    /// `status.phase`.
    public struct Phase: OpenEnumeration {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let initializing: Self = "Initializing"
        public static let running: Self = "Running"
        public static let success: Self = "Success"
        public static let failed: Self = "Failed"
    }
}
