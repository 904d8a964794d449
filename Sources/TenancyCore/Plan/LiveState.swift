import JSON

/// What exists on the tenant's cluster, as far as the plan needs it: the Kubernetes objects and cloud resources
/// its steps name. A key that is missing means the resource does not exist. Empty when planning offline.
public struct LiveState: Sendable, Hashable {
    public var objects: [ObjectKey: JSONValue]
    public var cloud: [CloudKey: JSONValue]
    /// `objects` was read from the cluster just now (not assumed empty): a key that is missing was seen absent, and
    /// the plan's changes record what was seen, so that an apply right after writes without reading again.
    public var objectsObserved: Bool

    public init(
        objects: [ObjectKey: JSONValue] = [:], cloud: [CloudKey: JSONValue] = [:], objectsObserved: Bool = false
    ) {
        self.objects = objects
        self.cloud = cloud
        self.objectsObserved = objectsObserved
    }
}
