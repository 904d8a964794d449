extension CCECluster {
    /// What CCE reports.
    public struct Status: Codable, Sendable, Hashable {
        public var phase: Phase?
        /// The job of the create or delete that returned this object.
        public var jobID: String?
        public var reason: String?
        public var message: String?
        public var endpoints: [Endpoint]?
    }

    /// `status.phase`.
    public struct Phase: OpenEnumeration {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let available: Self = "Available"
        public static let creating: Self = "Creating"
        public static let deleting: Self = "Deleting"
        public static let unavailable: Self = "Unavailable"
        public static let error: Self = "Error"
    }

    /// An API server address.
    public struct Endpoint: Codable, Sendable, Hashable {
        public var url: String?
        /// `Internal` or `External`.
        public var type: String?
    }
}
