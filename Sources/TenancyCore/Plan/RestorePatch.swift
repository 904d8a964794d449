import JSON

/// The JSON merge patch that undoes an update: for every field the desired object sets, the value the object had
/// before (null where it had none), so that exactly the fields tenantctl wrote go back. Pure.
public enum RestorePatch {
    public static func patch(desired: JSONValue, before: JSONValue) -> JSONValue {
        guard let wanted = desired.objectValue else { return before }
        var patch: [String: JSONValue] = [:]
        for (key, value) in wanted where !ObjectDiff.ignoredTopLevel.contains(key) {
            if key == "metadata" {
                var metadata: [String: JSONValue] = [:]
                for member in ObjectDiff.comparedMetadata {
                    guard let set = value[member] else { continue }
                    metadata[member] = restore(set, before["metadata"]?[member])
                }
                if !metadata.isEmpty { patch["metadata"] = .object(metadata) }
            } else {
                patch[key] = restore(value, before[key])
            }
        }
        return .object(patch)
    }

    private static func restore(_ desired: JSONValue, _ before: JSONValue?) -> JSONValue {
        guard let before, !before.isNull else { return .null }
        guard case .object(let wanted) = desired, case .object(let had) = before else { return before }
        return .object(Dictionary(uniqueKeysWithValues: wanted.map { ($0.key, restore($0.value, had[$0.key])) }))
    }
}
