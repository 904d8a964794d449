import JSON

/// One result of an audit check: which check, the guidance item (G1–G14) it enforces, how bad, the object at
/// fault (`Deployment shop/web`), what is wrong and how to fix it.
public struct Finding: Sendable, Hashable {
    /// A check that passes yields no finding.
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case warn, fail
    }

    /// The check's id (`privileged`, `no-resource-quota`).
    public var check: String
    public var guidance: Guidance
    public var severity: Severity
    /// The object at fault: `kind namespace/name`, or `kind name` for a cluster-scoped object.
    public var object: String
    public var message: String
    public var fix: String

    public init(check: String, guidance: Guidance, severity: Severity, object: String, message: String, fix: String) {
        self.check = check
        self.guidance = guidance
        self.severity = severity
        self.object = object
        self.message = message
        self.fix = fix
    }

    /// `FAIL G13 Deployment shop/web: runs privileged — fix: set securityContext.privileged: false`.
    public var line: String {
        "\(severity.rawValue.uppercased()) \(guidance.rawValue) \(object): \(message) — fix: \(fix)"
    }

    public var json: JSONValue {
        [
            "check": .string(check), "guidance": .string(guidance.rawValue), "severity": .string(severity.rawValue),
            "object": .string(object), "message": .string(message), "fix": .string(fix),
        ]
    }

    /// `Kind namespace/name` of an object, or `Kind name` when it has no namespace.
    public static func describe(_ object: JSONValue) -> String {
        let kind = object["kind"]?.stringValue ?? "Object"
        let name = object.value(at: ["metadata", "name"])?.stringValue ?? "?"
        if let namespace = object.value(at: ["metadata", "namespace"])?.stringValue, !namespace.isEmpty {
            return "\(kind) \(namespace)/\(name)"
        }
        return "\(kind) \(name)"
    }
}

/// Counts of an audit's findings.
public struct AuditSummary: Sendable, Hashable {
    public var fail: Int
    public var warn: Int

    public init(_ findings: [Finding]) {
        fail = findings.filter { $0.severity == .fail }.count
        warn = findings.filter { $0.severity == .warn }.count
    }

    public var json: JSONValue {
        ["fail": .int(Int64(fail)), "warn": .int(Int64(warn)), "total": .int(Int64(fail + warn))]
    }
}
