/// A Kubernetes `Status` object, as the API server returns it in the body of a failed request.
public struct APIStatus: Sendable, Hashable, Decodable {
    /// Why a field was rejected (`details.causes[]`).
    public struct Cause: Sendable, Hashable, Decodable {
        public var reason: String?
        public var message: String?
        public var field: String?
    }

    /// The object the failure is about (`details`).
    public struct Details: Sendable, Hashable, Decodable {
        public var name: String?
        public var group: String?
        public var kind: String?
        public var uid: String?
        public var causes: [Cause]?
        public var retryAfterSeconds: Int?
    }

    /// `Failure` or `Success`.
    public var status: String?
    public var message: String?
    /// A machine-readable reason: `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Forbidden`, ….
    public var reason: StatusReason?
    public var details: Details?
    public var code: Int?
}

/// The `reason` of a `Status`, with the values the client acts upon.
public struct StatusReason: RawRepresentable, Sendable, Hashable, Decodable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public var description: String { rawValue }

    public static let notFound = StatusReason(rawValue: "NotFound")
    public static let alreadyExists = StatusReason(rawValue: "AlreadyExists")
    public static let conflict = StatusReason(rawValue: "Conflict")
    public static let invalid = StatusReason(rawValue: "Invalid")
    public static let forbidden = StatusReason(rawValue: "Forbidden")
    public static let unauthorized = StatusReason(rawValue: "Unauthorized")
    public static let tooManyRequests = StatusReason(rawValue: "TooManyRequests")
}
