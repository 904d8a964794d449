import Foundation

/// A tenant as the platform engineer describes it (`kind: Tenant`). See README.md and docs/.
public struct TenantSpec: Sendable, Hashable {
    public enum Trust: String, Sendable, Hashable, CaseIterable, Codable {
        case `internal`, partner, external, untrusted
    }
    public enum Isolation: String, Sendable, Hashable, CaseIterable, Codable { case auto, logical, physical }
    public enum Runtime: String, Sendable, Hashable, CaseIterable, Codable { case standard, secure }

    public var name: String
    public var description: String?
    public var trust: Trust
    public var compliance: [String]
    public var isolation: Isolation
    /// The target cluster for logical isolation; for physical isolation, the cluster whose region is used.
    public var cluster: String
    public var owners: [Subject]
    public var viewers: [Subject]
    public var namespaces: [String]
    /// The tenant's total: the namespaces' ResourceQuotas divide it (see ``QuotaAllocation``).
    public var quota: Quota
    /// Explicit shares of the total by namespace (`namespaces: [{name, quota}]`), each with the resources it gives.
    public var quotaShares: [String: QuotaAmounts]
    public var limits: Limits?
    public var network: Network
    public var nodePool: NodePool?
    public var runtime: Runtime
    /// Whether tenant pods may reach the API server (G14).
    public var apiAccess: Bool
    public var hostNetwork: Bool
    public var budget: Budget?
    /// The container range of the tenant's own cluster (physical isolation on a tunnel network); nil takes
    /// ``Layout/NewCluster/defaultContainerCIDR``. CCE cannot change it once the cluster exists.
    public var containerCIDR: String?
    /// What the tenant's admission policies refuse beyond G10–G13 (`spec.admission`); every rule is off unless asked.
    public var admission: Admission

    public init(
        name: String, description: String? = nil, trust: Trust, compliance: [String] = [], isolation: Isolation = .auto,
        cluster: String, owners: [Subject], viewers: [Subject] = [], namespaces: [String], quota: Quota,
        quotaShares: [String: QuotaAmounts] = [:], limits: Limits? = nil, network: Network = Network(),
        nodePool: NodePool? = nil, runtime: Runtime = .standard,
        apiAccess: Bool = false, hostNetwork: Bool = false, budget: Budget? = nil, containerCIDR: String? = nil,
        admission: Admission = Admission()
    ) {
        self.name = name
        self.description = description
        self.trust = trust
        self.compliance = compliance
        self.isolation = isolation
        self.cluster = cluster
        self.owners = owners
        self.viewers = viewers
        self.namespaces = namespaces
        self.quota = quota
        self.quotaShares = quotaShares
        self.limits = limits
        self.network = network
        self.nodePool = nodePool
        self.runtime = runtime
        self.apiAccess = apiAccess
        self.hostNetwork = hostNetwork
        self.budget = budget
        self.containerCIDR = containerCIDR
        self.admission = admission
    }
}

extension TenantSpec {
    /// A user or group granted a role in the tenant's namespaces.
    public enum Subject: Sendable, Hashable {
        case user(String)
        case group(String)
    }

    /// The tenant's quota (G4): the total its namespaces' ResourceQuotas divide.
    public struct Quota: Sendable, Hashable {
        public var cpu: Quantity
        public var memory: Quantity
        public var storage: Quantity
        public var pods: Int64
        public var services: Int64
        public var deployments: Int64
        public var statefulsets: Int64
        public var persistentVolumeClaims: Int64

        public init(
            cpu: Quantity, memory: Quantity, storage: Quantity, pods: Int64, services: Int64, deployments: Int64,
            statefulsets: Int64, persistentVolumeClaims: Int64
        ) {
            self.cpu = cpu
            self.memory = memory
            self.storage = storage
            self.pods = pods
            self.services = services
            self.deployments = deployments
            self.statefulsets = statefulsets
            self.persistentVolumeClaims = persistentVolumeClaims
        }
    }

    /// CPU and memory, each optional.
    public struct Resources: Sendable, Hashable {
        public var cpu: Quantity?
        public var memory: Quantity?

        public init(cpu: Quantity? = nil, memory: Quantity? = nil) {
            self.cpu = cpu
            self.memory = memory
        }
    }

    /// The LimitRange every tenant namespace gets (G5).
    public struct Limits: Sendable, Hashable {
        public var container: ContainerLimits?
        public var persistentVolumeClaim: StorageLimits?

        public init(container: ContainerLimits? = nil, persistentVolumeClaim: StorageLimits? = nil) {
            self.container = container
            self.persistentVolumeClaim = persistentVolumeClaim
        }
    }

    /// Container defaults and bounds.
    public struct ContainerLimits: Sendable, Hashable {
        public var defaultRequest: Resources?
        public var `default`: Resources?
        public var min: Resources?
        public var max: Resources?

        public init(
            defaultRequest: Resources? = nil, default: Resources? = nil, min: Resources? = nil, max: Resources? = nil
        ) {
            self.defaultRequest = defaultRequest
            self.default = `default`
            self.min = min
            self.max = max
        }
    }

    /// PersistentVolumeClaim size bounds.
    public struct StorageLimits: Sendable, Hashable {
        public var min: Quantity?
        public var max: Quantity?

        public init(min: Quantity? = nil, max: Quantity? = nil) {
            self.min = min
            self.max = max
        }
    }

    /// Network isolation between tenants (G6).
    public struct Network: Sendable, Hashable {
        public enum Isolation: String, Sendable, Hashable, CaseIterable, Codable { case none, strict }
        public var isolation: Isolation
        /// Namespaces (outside the tenant) allowed to send traffic in.
        public var allowFrom: [String]
        /// Security group IDs that fence the tenant's pods on the Cloud Native 2.0 network (at most 5).
        public var securityGroups: [String]

        public init(isolation: Isolation = .strict, allowFrom: [String] = [], securityGroups: [String] = []) {
            self.isolation = isolation
            self.allowFrom = allowFrom
            self.securityGroups = securityGroups
        }
    }

    /// A dedicated node pool for the tenant (G11).
    public struct NodePool: Sendable, Hashable {
        public var flavor: String
        public var nodes: Int64
        public var autoscaling: Autoscaling?

        public init(flavor: String, nodes: Int64, autoscaling: Autoscaling? = nil) {
            self.flavor = flavor
            self.nodes = nodes
            self.autoscaling = autoscaling
        }
    }

    /// Node-pool autoscaling bounds.
    public struct Autoscaling: Sendable, Hashable {
        public var min: Int64
        public var max: Int64

        public init(min: Int64, max: Int64) {
            self.min = min
            self.max = max
        }
    }

    /// What the tenant may spend per month.
    public struct Budget: Sendable, Hashable {
        public var monthly: Decimal
        public var currency: String

        public init(monthly: Decimal, currency: String) {
            self.monthly = monthly
            self.currency = currency
        }
    }
}
