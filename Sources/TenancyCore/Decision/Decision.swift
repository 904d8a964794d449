import Foundation

/// Where one tenant goes and why: logical isolation on its target cluster or a cluster of its own, the
/// arrangement of both options, the reasons behind every choice, and what each option costs.
public struct Decision: Sendable, Hashable {
    /// Logical: namespaces on a shared cluster. Physical: a cluster of the tenant's own (stronger).
    public enum Isolation: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
        case logical, physical

        public static func < (a: Isolation, b: Isolation) -> Bool { a == .logical && b == .physical }
    }

    public var tenant: String
    /// The cluster the spec names: the home of logical isolation, the region of physical isolation.
    public var target: String
    /// The weakest isolation that meets every requirement.
    public var required: Isolation
    /// The isolation chosen: the required one, or the spec's explicit one when that is stronger (or weaker,
    /// only with `--allow-weaker`).
    public var isolation: Isolation
    /// Logical isolation on the target, as well as it can be arranged there.
    public var logical: Layout
    /// A cluster of the tenant's own.
    public var physical: Layout
    /// Reasons, warnings and errors, in the order the choices were made.
    public var reasons: [Reason]
    public var cost: CostComparison
    public var budget: BudgetVerdict

    public init(
        tenant: String, target: String, required: Isolation, isolation: Isolation, logical: Layout, physical: Layout,
        reasons: [Reason], cost: CostComparison, budget: BudgetVerdict
    ) {
        self.tenant = tenant
        self.target = target
        self.required = required
        self.isolation = isolation
        self.logical = logical
        self.physical = physical
        self.reasons = reasons
        self.cost = cost
        self.budget = budget
    }

    /// The chosen option's arrangement.
    public var layout: Layout { isolation == .logical ? logical : physical }

    /// Whether the tenant can be placed as decided: no reason is an error.
    public var placeable: Bool { !reasons.contains { $0.kind == .error } }
}

/// How one option places a tenant: where, on which nodes, in which runtime, behind which network isolation,
/// and whether its pods may reach the API server.
public struct Layout: Sendable, Hashable {
    /// Whose nodes the tenant's pods run on (G11).
    public enum Nodes: String, Sendable, Hashable, CaseIterable, Codable { case shared, dedicated }

    /// How the tenant's pods are fenced off (G6); the raw values are the `tenantctl.io/network` label values.
    public enum NetworkMethod: String, Sendable, Hashable, CaseIterable, Codable {
        case networkPolicy = "network-policy"
        case securityGroup = "security-group"
        case none
    }

    /// Whether tenant pods may reach the API server (G14).
    public enum APIServer: String, Sendable, Hashable, CaseIterable, Codable { case reachable, blocked }

    /// The cluster: an existing one from the inventory, or one to create for the tenant alone.
    public enum Site: Sendable, Hashable {
        case shared(cluster: String, version: KubernetesVersion)
        case own(NewCluster)
    }

    public var isolation: Decision.Isolation
    public var site: Site
    public var nodes: Nodes
    /// The dedicated pool; nil on shared nodes.
    public var pool: Pool?
    public var runtime: TenantSpec.Runtime
    public var network: NetworkMethod
    public var apiServer: APIServer

    public init(
        isolation: Decision.Isolation, site: Site, nodes: Nodes, pool: Pool?, runtime: TenantSpec.Runtime,
        network: NetworkMethod, apiServer: APIServer
    ) {
        self.isolation = isolation
        self.site = site
        self.nodes = nodes
        self.pool = pool
        self.runtime = runtime
        self.network = network
        self.apiServer = apiServer
    }
}

extension Layout {
    /// A cluster tenantctl would create for one tenant.
    public struct NewCluster: Sendable, Hashable {
        public var region: String
        public var version: KubernetesVersion
        public var category: ClusterProfile.Category
        public var networkMode: ClusterProfile.NetworkMode
        /// The management flavor (`cce.s2.small`).
        public var flavor: String
        /// The pods' range on a tunnel or VPC network; nil on Cloud Native 2.0, whose pods take VPC addresses.
        public var containerCIDR: String?

        /// CCE's default container range for a new cluster, taken when the spec gives none.
        public static let defaultContainerCIDR = "172.16.0.0/16"
        /// The Service range tenantctl gives a new cluster (CCE's default).
        public static let serviceCIDR = "10.247.0.0/16"

        public init(
            region: String, version: KubernetesVersion, category: ClusterProfile.Category,
            networkMode: ClusterProfile.NetworkMode, flavor: String, containerCIDR: String? = nil
        ) {
            self.region = region
            self.version = version
            self.category = category
            self.networkMode = networkMode
            self.flavor = flavor
            self.containerCIDR = containerCIDR
        }
    }

    /// A node pool for the tenant alone.
    public struct Pool: Sendable, Hashable {
        /// Where the size came from: the spec's `nodePool`, or the quota and the catalog's defaults.
        public enum Origin: String, Sendable, Hashable, CaseIterable, Codable {
            case spec
            case sizedFromQuota = "sized-from-quota"
        }

        public var flavor: String
        public var nodes: Int64
        public var autoscaling: TenantSpec.Autoscaling?
        public var origin: Origin

        public init(flavor: String, nodes: Int64, autoscaling: TenantSpec.Autoscaling? = nil, origin: Origin) {
            self.flavor = flavor
            self.nodes = nodes
            self.autoscaling = autoscaling
            self.origin = origin
        }
    }
}

/// Why tenantctl chose something, or what stands in its way: a sentence, the guidance it rests on, and
/// the fields that drove it.
public struct Reason: Sendable, Hashable {
    /// A reason explains; a warning is accepted risk or doubt; an error stops the tenant from being placed.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable { case reason, warning, error }

    /// The choice a reason is about.
    public enum Topic: String, Sendable, Hashable, CaseIterable, Codable {
        case isolation, version, nodes, runtime, network
        case apiServer = "api-server"
        case cost, budget
    }

    public var kind: Kind
    public var topic: Topic
    public var guidance: [Guidance]
    public var fields: [FieldRef]
    public var text: String

    public init(_ kind: Kind, _ topic: Topic, _ guidance: [Guidance], _ fields: [FieldRef], _ text: String) {
        self.kind = kind
        self.topic = topic
        self.guidance = guidance
        self.fields = fields
        self.text = text
    }

    /// A plain reason (kind `.reason`).
    public init(_ topic: Topic, _ guidance: [Guidance], _ fields: [FieldRef], _ text: String) {
        self.init(.reason, topic, guidance, fields, text)
    }

    /// The same reason with another kind (a blocker becomes an error, or a warning under `--allow-weaker`).
    func with(_ kind: Kind, prefix: String = "") -> Reason {
        Reason(kind, topic, guidance, fields, prefix + text)
    }
}

/// What the user can change about a decision from the command line.
public struct DecideOptions: Sendable, Hashable {
    /// Accept an explicit `isolation:` weaker than required, with a warning instead of an error.
    public var allowWeaker: Bool
    /// Overrides the catalog's shared-node utilisation, in (0, 1].
    public var utilization: Decimal?

    public init(allowWeaker: Bool = false, utilization: Decimal? = nil) {
        self.allowWeaker = allowWeaker
        self.utilization = utilization
    }
}
