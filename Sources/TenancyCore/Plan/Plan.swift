import JSON

/// What applying a tenant would do: one change per rendered step, in dependency order, and the notes a reviewer
/// must read (enforcement that is unavailable, assumptions made offline). Pure data; see docs/plan.md for the
/// JSON form.
public struct Plan: Sendable, Hashable {
    public var tenant: String
    /// The cluster the Kubernetes objects go to: the shared one, or the tenant's own.
    public var cluster: String
    public var isolation: Decision.Isolation
    public var facts: ClusterFacts
    /// Planned against an empty cluster, without connecting.
    public var offline: Bool
    public var changes: [PlannedChange]
    public var notes: [String]
    /// The plan removes the tenant (`tenantctl offboard`) rather than onboarding it.
    public var offboarding: Bool

    public init(
        tenant: String, cluster: String, isolation: Decision.Isolation, facts: ClusterFacts, offline: Bool,
        changes: [PlannedChange], notes: [String], offboarding: Bool = false
    ) {
        self.offboarding = offboarding
        self.tenant = tenant
        self.cluster = cluster
        self.isolation = isolation
        self.facts = facts
        self.offline = offline
        self.changes = changes
        self.notes = notes
    }

    /// How many changes of `action` the plan holds.
    public func count(_ action: PlannedChange.Action) -> Int { changes.count { $0.action == action } }

    /// Whether applying would write anything or stop at a conflict.
    public var hasChanges: Bool { changes.contains { $0.action != .noOp } }
}

extension PlannedChange {
    /// Whether the target is shared by the cluster's tenants (the system node pool, the secure RuntimeClass): a
    /// rollback of one tenant's run keeps it, since other tenants' runs may rely on it.
    public var isShared: Bool { desired.map { Ownership.isShared(desired: $0, target: target) } ?? false }
}

/// One step of a plan: what it is about, what will happen to it, and why.
public struct PlannedChange: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable, CaseIterable, Codable {
        case create, update, delete
        case noOp = "no-op"
        /// The object exists but is not tenantctl's (or is another tenant's): apply will not touch it.
        case conflict
    }

    public enum Target: Sendable, Hashable, CustomStringConvertible {
        case object(ObjectKey)
        case cloud(CloudKey)

        public var description: String {
            switch self {
            case .object(let key): return key.description
            case .cloud(let key): return key.description
            }
        }
    }

    /// The rendered step id: `quota[acme-web]`.
    public var id: String
    public var stepID: String
    public var dependsOn: [String]
    public var action: Action
    public var target: Target
    /// The object or body to write (nil for a delete).
    public var desired: JSONValue?
    /// For an update, each field that differs (before and after); for a create, every field it sets.
    public var fields: [FieldChange]
    /// The live object's resourceVersion (Kubernetes) when it exists: a saved plan is stale when it moved.
    public var resourceVersion: String?
    /// Why: the owner of a conflicting object.
    public var message: String?
    /// The step converges an unlabelled object instead of calling it a conflict (see `Playbook.Step.adopt`).
    public var adopt: Bool
    /// A rollback cannot bring back what the change removes (a namespace's contents, nodes, a cluster).
    public var irreversible: Bool
    /// What the target holds that the change removes or that may hold it up: volumes, load balancers, finalizers.
    public var holds: [Holding]
    /// The Kubernetes target as the live plan saw it. Kept in memory only, never in the plan's JSON: an apply made
    /// in the same invocation writes from it, and the server's preconditions refuse the write if it moved since.
    public var observed: Observation?

    public init(
        id: String, stepID: String, dependsOn: [String], action: Action, target: Target, desired: JSONValue?,
        fields: [FieldChange] = [], resourceVersion: String? = nil, message: String? = nil, adopt: Bool = false,
        irreversible: Bool = false, holds: [Holding] = []
    ) {
        self.irreversible = irreversible
        self.holds = holds
        self.id = id
        self.stepID = stepID
        self.dependsOn = dependsOn
        self.action = action
        self.target = target
        self.desired = desired
        self.fields = fields
        self.resourceVersion = resourceVersion
        self.message = message
        self.adopt = adopt
    }
}

/// A target as a live plan read it: the object, or nil when it did not exist.
public struct Observation: Sendable, Hashable {
    public var object: JSONValue?

    public init(object: JSONValue?) { self.object = object }
}

/// One field that differs: its path (`spec.hard["requests.cpu"]`), the live value and the wanted one; nil where
/// the field is absent.
public struct FieldChange: Sendable, Hashable {
    public var path: String
    public var before: JSONValue?
    public var after: JSONValue?

    public init(path: String, before: JSONValue?, after: JSONValue?) {
        self.path = path
        self.before = before
        self.after = after
    }
}

/// Something a deletion takes with it or may wait on: data (a volume claim), money (a load balancer and its
/// EIP, nodes, a cluster) or a finalizer that can keep the target terminating.
public struct Holding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case data, money, finalizer
    }

    // In key order, as the plan's JSON holds them: the synthesized `encode(to:)` follows this order.
    /// What it is: `20Gi on csi-disk`, `finalizer example.com/hold`.
    public var detail: String
    public var kind: Kind
    /// The object it is about: `PersistentVolumeClaim acme-web/data`.
    public var object: String

    public init(kind: Kind, object: String, detail: String) {
        self.kind = kind
        self.object = object
        self.detail = detail
    }
}
