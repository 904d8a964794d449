import Foundation

@testable import TenancyCore

/// A catalog, clusters and a base spec with round numbers, so rule and cost tests can be checked by hand
/// and do not move when the shipped catalog's prices are edited.
enum DecisionFixtures {
    static func quantity(_ text: String) -> Quantity {
        (try? Quantity(text)) ?? Quantity(value: 0)
    }

    static func resources(_ cpu: String, _ memory: String) -> TenantSpec.Resources {
        TenantSpec.Resources(cpu: quantity(cpu), memory: quantity(memory))
    }

    static let catalog = PriceCatalog(
        name: "test", currency: "USD", region: "ap-southeast-1", source: .init(date: "2026-01-01"),
        kubernetes: .init(
            minimumSupported: KubernetesVersion(major: 1, minor: 28), latest: KubernetesVersion(major: 1, minor: 33)),
        clusterFlavors: [
            "cce.s2.medium": .init(hourly: 1, masters: 3, maxNodes: 200, confirmed: true),
            "cce.s2.small": .init(hourly: Decimal(string: "0.5") ?? 0, masters: 3, maxNodes: 50, confirmed: true),
        ],
        nodeFlavors: [
            "c7.2xlarge.2": .init(
                kind: .vm, cpu: quantity("8"), memory: quantity("16Gi"), hourly: Decimal(string: "0.4") ?? 0,
                confirmed: true),
            "c7.4xlarge.2": .init(
                kind: .vm, cpu: quantity("16"), memory: quantity("32Gi"), hourly: Decimal(string: "0.8") ?? 0),
            "c6.22xlarge.2.physical": .init(kind: .physical, cpu: quantity("88"), memory: quantity("176Gi"), hourly: 4),
        ],
        secureRuntime: .init(
            podOverhead: resources("100m", "100Mi"), minimumPod: resources("250m", "256Mi"),
            perCoreHour: Decimal(string: "0.04") ?? 0, perGiBHour: Decimal(string: "0.01") ?? 0),
        defaults: .init(
            utilization: Decimal(string: "0.8") ?? 0, clusterFlavor: "cce.s2.small", nodeFlavor: "c7.2xlarge.2",
            secureNodeFlavor: "c6.22xlarge.2.physical", minNodes: 2),
        compliance: [
            "pci-dss": .init(requires: [.networkIsolation, .dedicatedNodes]),
            "dedicated-control-plane": .init(requires: [.dedicatedControlPlane]),
            "sandboxed": .init(requires: [.secureRuntime]),
            "no-api": .init(requires: [.noAPIAccess]),
            "soc2": .init(requires: []),
        ])

    /// Tunnel network, 10 × c7.2xlarge.2 shared (80 cores, 160Gi), management 1.00/h.
    static let tunnel = ClusterProfile(
        name: "shared",
        cce: .init(region: "ap-southeast-1", projectID: "p", clusterID: "c", az: "ap-southeast-1a", keyPair: "kp"),
        version: KubernetesVersion(major: 1, minor: 31),
        category: .cce, networkMode: .tunnel, containerCIDR: "10.0.0.0/16", apiServerAddress: "192.168.0.10",
        flavor: "cce.s2.medium",
        sharedNodes: .init(flavor: "c7.2xlarge.2", count: 10))

    /// CCE Turbo with the secure runtime, 5 × c7.4xlarge.2 shared.
    static let turbo = ClusterProfile(
        name: "turbo",
        cce: .init(region: "ap-southeast-1", projectID: "p", clusterID: "t", az: "ap-southeast-1a", keyPair: "kp"),
        version: KubernetesVersion(major: 1, minor: 31),
        category: .turbo, networkMode: .cloudNative2, secureRuntime: true, apiServerAddress: "192.168.16.10",
        flavor: "cce.s2.medium",
        sharedNodes: .init(flavor: "c7.4xlarge.2", count: 5))

    /// VPC network: no pod isolation possible.
    static let vpc = ClusterProfile(
        name: "vpc", version: KubernetesVersion(major: 1, minor: 29), category: .cce, networkMode: .vpc,
        containerCIDR: "172.16.0.0/16",
        apiServerAddress: "192.168.32.10", flavor: "cce.s2.medium",
        sharedNodes: .init(flavor: "c7.2xlarge.2", count: 10))

    /// Below the supported window.
    static let legacy = ClusterProfile(
        name: "legacy", version: KubernetesVersion(major: 1, minor: 23), networkMode: .tunnel,
        apiServerAddress: "192.168.48.10",
        flavor: "cce.s2.medium", sharedNodes: .init(flavor: "c7.2xlarge.2", count: 10))

    /// An internal tenant: quota 8 cores / 32Gi / 100 pods, request = limit defaults, strict network (with a security
    /// group for Cloud Native 2.0 clusters), no budget.
    static func spec(_ change: (inout TenantSpec) -> Void = { _ in }) -> TenantSpec {
        var spec = TenantSpec(
            name: "tenant-t", trust: .internal, cluster: "shared", owners: [.group("admins")], namespaces: ["t-app"],
            quota: .init(
                cpu: quantity("8"), memory: quantity("32Gi"), storage: quantity("100Gi"), pods: 100, services: 10,
                deployments: 10,
                statefulsets: 2, persistentVolumeClaims: 10),
            limits: .init(
                container: .init(defaultRequest: resources("500m", "512Mi"), default: resources("500m", "512Mi"))),
            network: .init(securityGroups: ["5f1b9a3e-0000-4000-8000-000000000001"]))
        change(&spec)
        return spec
    }

    static func decide(
        _ spec: TenantSpec, on cluster: ClusterProfile = tunnel, _ options: DecideOptions = DecideOptions()
    ) -> Decision {
        Decider.decide(spec, on: cluster, catalog: catalog, options: options)
    }
}

extension Decision {
    /// Reasons of one kind, for assertions.
    func reasons(_ kind: Reason.Kind) -> [Reason] { reasons.filter { $0.kind == kind } }

    /// Whether some reason of `kind` says `text` and cites `guidance`.
    func has(_ kind: Reason.Kind, _ text: String, citing guidance: Guidance? = nil) -> Bool {
        reasons.contains { $0.kind == kind && $0.text.contains(text) && (guidance.map($0.guidance.contains) ?? true) }
    }
}
