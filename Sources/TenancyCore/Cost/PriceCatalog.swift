import Foundation

/// What the decision prices and checks against (`kind: PriceCatalog`, shipped as `Playbooks/catalog.yaml`,
/// replaced with `--catalog FILE`): hourly prices in one currency and region, the secure runtime's
/// per-pod overhead, compliance tags and what they require, and the supported Kubernetes versions.
///
/// Every monthly figure is an hourly price × `hoursPerMonth`; all amounts are `Decimal`, never floating point.
public struct PriceCatalog: Sendable, Hashable {
    /// Hours in a billing month.
    public static let hoursPerMonth: Decimal = 730

    public var name: String
    /// ISO 4217 code of every price here (`USD`); budgets must use the same one.
    public var currency: String
    /// The region the prices are for (`ap-southeast-1`).
    public var region: String
    public var source: Source
    public var kubernetes: VersionWindow
    /// Cluster management (control plane) fee by CCE cluster flavor (`cce.s2.medium`).
    public var clusterFlavors: [String: ClusterFlavor]
    /// Worker node prices by ECS / BMS flavor (`c7.2xlarge.2`, `c6.22xlarge.2.physical`).
    public var nodeFlavors: [String: NodeFlavor]
    public var secureRuntime: SecureRuntime
    public var defaults: Defaults
    /// Compliance tags (`pci-dss`) and what each requires.
    public var compliance: [String: ComplianceRule]

    public init(
        name: String, currency: String, region: String, source: Source, kubernetes: VersionWindow,
        clusterFlavors: [String: ClusterFlavor], nodeFlavors: [String: NodeFlavor], secureRuntime: SecureRuntime,
        defaults: Defaults, compliance: [String: ComplianceRule]
    ) {
        self.name = name
        self.currency = currency
        self.region = region
        self.source = source
        self.kubernetes = kubernetes
        self.clusterFlavors = clusterFlavors
        self.nodeFlavors = nodeFlavors
        self.secureRuntime = secureRuntime
        self.defaults = defaults
        self.compliance = compliance
    }
}

extension PriceCatalog {
    /// Where the prices come from and when they were read.
    public struct Source: Sendable, Hashable {
        /// The date of the source, as written (`2026-03-13`).
        public var date: String
        public var note: String?

        public init(date: String, note: String? = nil) {
            self.date = date
            self.note = note
        }
    }

    /// The Kubernetes versions the provider supports (G1): clusters older than `minimumSupported` take no
    /// new tenants; a tenant's own cluster is created at `latest`.
    public struct VersionWindow: Sendable, Hashable {
        public var minimumSupported: KubernetesVersion
        public var latest: KubernetesVersion

        public init(minimumSupported: KubernetesVersion, latest: KubernetesVersion) {
            self.minimumSupported = minimumSupported
            self.latest = latest
        }

        public func supports(_ version: KubernetesVersion) -> Bool { version >= minimumSupported }
    }

    /// A cluster management flavor: its hourly fee and scale.
    public struct ClusterFlavor: Sendable, Hashable {
        public var hourly: Decimal
        public var masters: Int64
        public var maxNodes: Int64
        /// False for placeholder prices nobody has checked against the provider's price list.
        public var confirmed: Bool

        public init(hourly: Decimal, masters: Int64, maxNodes: Int64, confirmed: Bool = false) {
            self.hourly = hourly
            self.masters = masters
            self.maxNodes = maxNodes
            self.confirmed = confirmed
        }
    }

    /// A worker node flavor: virtual machine or physical (bare metal, which the secure runtime needs).
    public struct NodeFlavor: Sendable, Hashable {
        /// A virtual machine (ECS) or a physical, bare-metal server (BMS / elastic BMS).
        public enum Kind: String, Sendable, Hashable, CaseIterable, Codable { case vm, physical }

        public var kind: Kind
        /// Cores, as a quantity (`8`).
        public var cpu: Quantity
        /// Bytes, as a quantity (`16Gi`).
        public var memory: Quantity
        public var hourly: Decimal
        public var confirmed: Bool

        public init(kind: Kind, cpu: Quantity, memory: Quantity, hourly: Decimal, confirmed: Bool = false) {
            self.kind = kind
            self.cpu = cpu
            self.memory = memory
            self.hourly = hourly
            self.confirmed = confirmed
        }
    }

    /// The secure (Kata) runtime: what each pod's micro-VM adds, the smallest pod it runs, and the rate that
    /// prices the overhead.
    public struct SecureRuntime: Sendable, Hashable {
        /// Added to every pod's requests (CCE Turbo: 0.1 core and 100 MiB).
        public var podOverhead: TenantSpec.Resources
        /// The smallest pod the runtime accepts (CCE Turbo: 0.25 core and 256 MiB).
        public var minimumPod: TenantSpec.Resources
        public var perCoreHour: Decimal
        public var perGiBHour: Decimal
        public var confirmed: Bool

        public init(
            podOverhead: TenantSpec.Resources, minimumPod: TenantSpec.Resources, perCoreHour: Decimal,
            perGiBHour: Decimal, confirmed: Bool = false
        ) {
            self.podOverhead = podOverhead
            self.minimumPod = minimumPod
            self.perCoreHour = perCoreHour
            self.perGiBHour = perGiBHour
            self.confirmed = confirmed
        }
    }

    /// Assumptions the estimate uses where the spec is silent.
    public struct Defaults: Sendable, Hashable {
        /// The share of shared-node capacity that tenants' quotas fill on average, in (0, 1]; a tenant pays
        /// its share ÷ this. Overridden with `--utilization`.
        public var utilization: Decimal
        /// The management flavor of a tenant's own cluster.
        public var clusterFlavor: String
        /// Workers of a pool the spec does not size (standard runtime).
        public var nodeFlavor: String
        /// Workers of a secure-runtime pool the spec does not size (must be physical).
        public var secureNodeFlavor: String
        /// The fewest nodes of a pool sized from the quota.
        public var minNodes: Int64

        public init(
            utilization: Decimal, clusterFlavor: String, nodeFlavor: String, secureNodeFlavor: String, minNodes: Int64
        ) {
            self.utilization = utilization
            self.clusterFlavor = clusterFlavor
            self.nodeFlavor = nodeFlavor
            self.secureNodeFlavor = secureNodeFlavor
            self.minNodes = minNodes
        }
    }

    /// What a compliance tag demands of a tenant's placement.
    public enum Requirement: String, Sendable, Hashable, CaseIterable, Codable {
        /// A control plane no other tenant shares: physical isolation (G9).
        case dedicatedControlPlane = "dedicated-control-plane"
        /// Nodes no other tenant's pods run on (G11).
        case dedicatedNodes = "dedicated-nodes"
        /// Pods in micro-VMs (G10).
        case secureRuntime = "secure-runtime"
        /// Network isolation from other tenants (G6).
        case networkIsolation = "network-isolation"
        /// Tenant pods must not reach the API server (G14).
        case noAPIAccess = "no-api-access"
    }

    /// One compliance tag: its requirements and a line saying what it is.
    public struct ComplianceRule: Sendable, Hashable {
        public var requires: [Requirement]
        public var description: String?

        public init(requires: [Requirement], description: String? = nil) {
            self.requires = requires
            self.description = description
        }
    }
}
