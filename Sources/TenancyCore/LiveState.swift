import JSON

/// What exists on the tenant's cluster, as far as the plan needs it: the Kubernetes objects and cloud resources
/// its steps name. A key that is missing means the resource does not exist. Empty when planning offline.
public struct LiveState: Sendable, Hashable {
    public var objects: [ObjectKey: JSONValue]
    public var cloud: [CloudKey: JSONValue]

    public init(objects: [ObjectKey: JSONValue] = [:], cloud: [CloudKey: JSONValue] = [:]) {
        self.objects = objects
        self.cloud = cloud
    }
}
