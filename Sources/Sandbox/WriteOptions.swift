import JSON

/// Options of a create, update, patch or apply.
public struct WriteOptions: Sendable, Hashable {
    /// `dryRun=All`: validate and answer with the would-be object, store nothing.
    public var dryRun: Bool
    /// Who owns the fields this write sets (`fieldManager`; the server derives it from the user agent otherwise).
    public var fieldManager: String
    /// Server-side apply only: take over fields other managers own instead of failing with a conflict.
    public var force: Bool

    public init(dryRun: Bool = false, fieldManager: String = "sandbox", force: Bool = false) {
        self.dryRun = dryRun
        self.fieldManager = fieldManager
        self.force = force
    }
}

/// Options of a delete. `propagationPolicy` is accepted but dependents are not tracked.
public struct DeleteOptions: Sendable, Hashable {
    public var dryRun: Bool
    /// `preconditions.resourceVersion`: delete only this version.
    public var resourceVersion: String?
    /// `preconditions.uid`: delete only this incarnation.
    public var uid: String?

    public init(dryRun: Bool = false, resourceVersion: String? = nil, uid: String? = nil) {
        self.dryRun = dryRun
        self.resourceVersion = resourceVersion
        self.uid = uid
    }
}

/// What a delete did.
public enum DeleteOutcome: Sendable, Hashable {
    /// The object is gone; this is its last state.
    case deleted(JSONValue)
    /// The object is being deleted (a Terminating namespace, pending finalizers); this is its current state.
    case pending(JSONValue)
}
