import JSON

/// What keeps a deleted object from going: the messages of its True status conditions (a terminating
/// namespace's remaining content and finalizers) and its finalizers.
public enum DeletionHolds {
    /// The messages of the object's True status conditions.
    public static func conditions(_ object: JSONValue) -> [String] {
        (object["status"]?["conditions"]?.arrayValue ?? []).filter { $0["status"]?.stringValue == "True" }
            .compactMap { $0["message"]?.stringValue }
    }

    /// `metadata.finalizers`, then `spec.finalizers` (a namespace's own).
    public static func finalizers(_ object: JSONValue) -> [String] {
        ((object["metadata"]?["finalizers"]?.arrayValue ?? []) + (object["spec"]?["finalizers"]?.arrayValue ?? []))
            .compactMap(\.stringValue)
    }
}
