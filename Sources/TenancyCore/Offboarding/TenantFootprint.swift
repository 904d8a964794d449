import JSON

/// What a cluster holds of one tenant, read before offboarding it: the objects and cloud resources labelled for
/// the tenant (as live JSON), and what sits in its namespaces that a deletion takes with it. Pure data; the
/// engine reads it.
public struct TenantFootprint: Sendable, Hashable {
    public var tenant: String
    /// The cluster the Kubernetes objects are on: the shared one, or the tenant's own.
    public var cluster: String
    /// Everything labelled `tenantctl.io/tenant: TENANT`: RoleBindings, Namespaces, admission policies and
    /// their bindings.
    public var objects: [JSONValue]
    /// tenantctl's RuntimeClasses that only this tenant used (shared ones in use elsewhere are left out).
    public var runtimeClasses: [JSONValue]
    /// The tenant's node pools (CCE bodies whose `k8sTags` name it).
    public var nodePools: [JSONValue]
    /// The tenant's own cluster (CCE body tagged for it), for physical isolation.
    public var ownCluster: JSONValue?
    /// Per namespace, its PersistentVolumeClaims and LoadBalancer Services.
    public var contents: [String: [JSONValue]]
    /// What was found but is left, and why: a shared RuntimeClass other tenants still use.
    public var kept: [String] = []

    public init(
        tenant: String, cluster: String, objects: [JSONValue] = [], runtimeClasses: [JSONValue] = [],
        nodePools: [JSONValue] = [], ownCluster: JSONValue? = nil, contents: [String: [JSONValue]] = [:]
    ) {
        self.tenant = tenant
        self.cluster = cluster
        self.objects = objects
        self.runtimeClasses = runtimeClasses
        self.nodePools = nodePools
        self.ownCluster = ownCluster
        self.contents = contents
    }

    /// The kinds `objects` may hold, by the offboarding playbook's name for them (`live.roleBindings`).
    static let kinds: [(name: String, kind: String)] = [
        ("roleBindings", "RoleBinding"), ("namespaces", "Namespace"),
        ("admissionPolicyBindings", "ValidatingAdmissionPolicyBinding"),
        ("admissionPolicies", "ValidatingAdmissionPolicy"),
    ]

    /// The render context of the offboarding playbook: `tenant.name`, and under `live` one sorted list per kind
    /// of object, `runtimeClasses`, `nodePools` and `clusters`.
    public var context: JSONValue {
        func sorted(_ items: [JSONValue]) -> JSONValue {
            .array(items.sorted { ObjectKey(object: $0)?.description ?? "" < ObjectKey(object: $1)?.description ?? "" })
        }
        var live: [String: JSONValue] = [:]
        for (name, kind) in Self.kinds { live[name] = sorted(objects.filter { $0["kind"]?.stringValue == kind }) }
        live["runtimeClasses"] = sorted(runtimeClasses)
        live["nodePools"] = .array(
            nodePools.sorted {
                ($0["metadata"]?["name"]?.stringValue ?? "") < ($1["metadata"]?["name"]?.stringValue ?? "")
            })
        live["clusters"] = .array(ownCluster.map { [$0] } ?? [])
        return ["tenant": ["name": .string(tenant)], "live": .object(live)]
    }

    /// The live state the offboarding plan is compared with: everything above, by key.
    public var liveState: LiveState {
        var state = LiveState()
        for object in objects + runtimeClasses {
            if let key = ObjectKey(object: object) { state.objects[key] = object }
        }
        for pool in nodePools {
            if let key = CloudKey(resource: .nodePool, body: pool) { state.cloud[key] = pool }
        }
        if let ownCluster, let key = CloudKey(resource: .cluster, body: ownCluster) { state.cloud[key] = ownCluster }
        return state
    }
}
