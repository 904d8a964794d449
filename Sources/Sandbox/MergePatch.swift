import JSON

/// JSON merge patch (RFC 7386, `application/merge-patch+json`): objects merge member by member,
/// `null` deletes a member, anything else (lists included) replaces.
enum MergePatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }

    /// Deep merge without deletions: what server-side apply does with the applied configuration
    /// once removed fields are dropped (lists replace, as atomic lists do).
    static func overlay(_ top: JSONValue, on base: JSONValue) -> JSONValue {
        guard case .object(let topMembers) = top, case .object(var result) = base else { return top }
        for (key, value) in topMembers {
            result[key] = result[key].map { overlay(value, on: $0) } ?? value
        }
        return .object(result)
    }
}
