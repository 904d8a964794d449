import JSON

/// A fault to inject into requests matching a method and path pattern.
///
/// Patterns match whole paths segment by segment: `*` matches one segment, `**` any number (also none);
/// a trailing `?query` is not part of the path. JSON form (the admin route `/_sandbox/faults`):
/// `{"method": "POST", "path": "/api/v1/namespaces/*/configmaps", "nth": 2, "status": 503, "retryAfter": 1}`
/// with one trigger (`nth`, `first`, `fraction`; none means every request) and one effect (`status` with
/// optional `retryAfter` and `message`, `latencyMilliseconds`, or `"drop": true`).
public struct Fault: Sendable, Hashable {
    /// Which matching requests the fault hits.
    public enum Trigger: Sendable, Hashable {
        case always
        /// Only the Nth matching request (1-based).
        case nth(Int)
        /// The first N matching requests.
        case first(Int)
        /// Each matching request with this probability (0…1).
        case fraction(Double)
    }

    /// What happens to a hit request.
    public enum Effect: Sendable, Hashable {
        /// Answer with this HTTP status and a matching `Status` body, optionally with `Retry-After`.
        case status(Int, retryAfter: Int? = nil, message: String? = nil)
        /// Delay the request, then serve it normally.
        case latency(Duration)
        /// Close the connection without answering.
        case drop
    }

    /// HTTP method to match; nil matches any.
    public var method: String?
    public var path: String
    public var trigger: Trigger
    public var effect: Effect

    public init(method: String? = nil, path: String, trigger: Trigger = .always, effect: Effect) {
        self.method = method?.uppercased()
        self.path = path
        self.trigger = trigger
        self.effect = effect
    }

    func matches(method: String, path: String) -> Bool {
        (self.method == nil || self.method == method)
            && Self.match(pattern: segments(self.path)[...], path: segments(path)[...])
    }

    private func segments(_ path: String) -> [Substring] {
        path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
    }

    private static func match(pattern: ArraySlice<Substring>, path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            return (path.startIndex...path.endIndex).contains { match(pattern: pattern.dropFirst(), path: path[$0...]) }
        }
        guard let segment = path.first, head == "*" || head == segment else { return false }
        return match(pattern: pattern.dropFirst(), path: path.dropFirst())
    }
}

extension Fault {
    /// Reads the JSON form; a 400 error says what is missing.
    init(json: JSONValue) throws(KubeStatusError) {
        guard let path = json["path"]?.stringValue, path.hasPrefix("/") else {
            throw .badRequest("a fault needs \"path\", a pattern starting with '/'")
        }
        let trigger: Trigger
        if let nth = json["nth"]?.intValue, nth > 0 {
            trigger = .nth(Int(nth))
        } else if let first = json["first"]?.intValue, first > 0 {
            trigger = .first(Int(first))
        } else if let fraction = json["fraction"].flatMap(Self.number), (0...1).contains(fraction) {
            trigger = .fraction(fraction)
        } else if json["nth"] != nil || json["first"] != nil || json["fraction"] != nil {
            throw .badRequest("\"nth\" and \"first\" must be positive integers, \"fraction\" a number from 0 to 1")
        } else {
            trigger = .always
        }
        let effect: Effect
        if let status = json["status"]?.intValue, (100...599).contains(status) {
            effect = .status(
                Int(status), retryAfter: json["retryAfter"]?.intValue.map { Int($0) },
                message: json["message"]?.stringValue)
        } else if let latency = json["latencyMilliseconds"]?.intValue, latency >= 0 {
            effect = .latency(.milliseconds(latency))
        } else if json["drop"]?.boolValue == true {
            effect = .drop
        } else {
            throw .badRequest(
                "a fault needs one effect: \"status\" (100-599), \"latencyMilliseconds\" or \"drop\": true")
        }
        self.init(method: json["method"]?.stringValue, path: path, trigger: trigger, effect: effect)
    }

    var json: JSONValue {
        var members: [String: JSONValue] = ["path": .string(path)]
        if let method { members["method"] = .string(method) }
        switch trigger {
        case .always: break
        case .nth(let n): members["nth"] = .int(Int64(n))
        case .first(let n): members["first"] = .int(Int64(n))
        case .fraction(let f): members["fraction"] = .double(f)
        }
        switch effect {
        case .status(let code, let retryAfter, let message):
            members["status"] = .int(Int64(code))
            if let retryAfter { members["retryAfter"] = .int(Int64(retryAfter)) }
            if let message { members["message"] = .string(message) }
        case .latency(let duration):
            let (seconds, attoseconds) = duration.components
            members["latencyMilliseconds"] = .int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        case .drop:
            members["drop"] = true
        }
        return .object(members)
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }
}
