import JSON

/// A failed API call as the real server reports it: an HTTP code and a `Status` body
/// (`kind: Status`, `status: Failure`, `reason`, `details`, `code`), shaped exactly like kube-apiserver's.
public struct KubeStatusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One entry of `details.causes`.
    public struct Cause: Sendable, Hashable {
        public var reason: String
        public var message: String
        public var field: String

        public init(reason: String, message: String, field: String) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    public var code: Int
    public var reason: String
    public var message: String
    /// `details.name`, `details.group`, `details.kind`; nil leaves the member out.
    public var name: String?
    public var group: String?
    public var kind: String?
    public var causes: [Cause]
    public var retryAfterSeconds: Int?

    public init(
        code: Int, reason: String, message: String, name: String? = nil, group: String? = nil,
        kind: String? = nil, causes: [Cause] = [], retryAfterSeconds: Int? = nil
    ) {
        self.code = code
        self.reason = reason
        self.message = message
        self.name = name
        self.group = group
        self.kind = kind
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(code) \(reason): \(message)" }

    /// The `Status` body.
    public var status: JSONValue {
        var details: [String: JSONValue] = [:]
        if let name { details["name"] = .string(name) }
        if let group, !group.isEmpty { details["group"] = .string(group) }
        if let kind { details["kind"] = .string(kind) }
        if !causes.isEmpty {
            details["causes"] = .array(
                causes.map {
                    ["reason": .string($0.reason), "message": .string($0.message), "field": .string($0.field)]
                })
        }
        if let retryAfterSeconds { details["retryAfterSeconds"] = .int(Int64(retryAfterSeconds)) }
        var body: [String: JSONValue] = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
        if !details.isEmpty { body["details"] = .object(details) }
        return .object(body)
    }
}

extension KubeStatusError {
    static func notFound(_ resource: GroupResource, _ name: String) -> KubeStatusError {
        KubeStatusError(
            code: 404, reason: "NotFound", message: "\(resource) \"\(name)\" not found", name: name,
            group: resource.group, kind: resource.resource)
    }

    static func alreadyExists(_ resource: GroupResource, _ name: String) -> KubeStatusError {
        KubeStatusError(
            code: 409, reason: "AlreadyExists", message: "\(resource) \"\(name)\" already exists", name: name,
            group: resource.group, kind: resource.resource)
    }

    static let modifiedMessage =
        "the object has been modified; please apply your changes to the latest version and try again"

    static func conflict(_ resource: GroupResource, _ name: String, _ why: String = modifiedMessage)
        -> KubeStatusError
    {
        KubeStatusError(
            code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on \(resource) \"\(name)\": \(why)",
            name: name, group: resource.group, kind: resource.resource)
    }

    static func invalid(_ type: ResourceType, _ name: String, _ causes: [Cause]) -> KubeStatusError {
        let errors = causes.map { "\($0.field): \($0.message)" }
        let summary = errors.count == 1 ? errors[0] : "[\(errors.joined(separator: ", "))]"
        return KubeStatusError(
            code: 422, reason: "Invalid", message: "\(type.qualifiedKind) \"\(name)\" is invalid: \(summary)",
            name: name, group: type.group, kind: type.kind, causes: causes)
    }

    static func forbidden(_ resource: GroupResource, _ name: String, _ why: String, causes: [Cause] = [])
        -> KubeStatusError
    {
        let subject = name.isEmpty ? "\(resource)" : "\(resource) \"\(name)\""
        return KubeStatusError(
            code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)", name: name.isEmpty ? nil : name,
            group: resource.group, kind: resource.resource, causes: causes)
    }

    static func badRequest(_ message: String) -> KubeStatusError {
        KubeStatusError(code: 400, reason: "BadRequest", message: message)
    }

    static let unauthorized = KubeStatusError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static func unsupportedMediaType(_ contentType: String) -> KubeStatusError {
        KubeStatusError(
            code: 415, reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format - "
                + "accepted media types include: application/json, application/json-patch+json, "
                + "application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml "
                + "(got \(contentType))")
    }

    static let pageNotFound = KubeStatusError(
        code: 404, reason: "NotFound", message: "the server could not find the requested resource")

    static let methodNotAllowed = KubeStatusError(
        code: 405, reason: "MethodNotAllowed",
        message: "the server does not allow this method on the requested resource")
}
