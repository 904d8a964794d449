import CCEModel
import JSON

/// The values playbooks render against: `tenant` (the spec and what follows from it), `decision` (the chosen
/// layout) and `cluster` (the inventory's facts and the live API's). Derived values — RBAC subjects, quota keys,
/// namespace labels, the pool's labels, taints and post-install script, the admission rules — are computed here
/// so that playbooks stay declarative and the logic stays testable. Pure.
public enum PlaybookContext {
    /// The labels on everything tenantctl creates for `tenant`.
    public static func ownerLabels(tenant: String) -> [String: String] {
        [Labels.managedBy: Labels.managedByValue, Labels.tenant: tenant]
    }

    /// Throws only when a CCE body cannot be encoded. `quota` divides the tenant's total (by default as the spec
    /// says; a live plan may keep or make a rebalance).
    public static func make(
        tenant spec: TenantSpec, quota: QuotaAllocation? = nil, decision: Decision, cluster: ClusterProfile,
        facts: ClusterFacts
    ) throws -> JSONValue {
        [
            "tenant": tenantValues(spec, quota ?? QuotaAllocation(spec)),
            "decision": try decisionValues(spec, decision.layout, cluster, facts),
            "cluster": try clusterValues(cluster, decision, facts),
        ]
    }

    private static func tenantValues(_ spec: TenantSpec, _ quota: QuotaAllocation) -> JSONValue {
        [
            "name": .string(spec.name),
            "description": spec.description.map(JSONValue.string) ?? .null,
            "trust": .string(spec.trust.rawValue),
            "namespaces": .array(spec.namespaces.map(JSONValue.string)),
            "labels": labels(ownerLabels(tenant: spec.name)),
            "owners": .array(spec.owners.map(subject)),
            "viewers": spec.viewers.isEmpty ? .null : .array(spec.viewers.map(subject)),
            "quotaShares": .object(
                Dictionary(
                    quota.namespaces.map { ($0, .object(quota.quotaSpec($0))) }, uniquingKeysWith: { first, _ in first }
                )),
            "quotaAnnotations": labels(QuotaAnnotations.values(quota)),
            "limits": limitItems(spec.limits),
            "network": [
                "isolation": .string(spec.network.isolation.rawValue),
                "allowFrom": .array(spec.network.allowFrom.map(JSONValue.string)),
                "securityGroups": .array(spec.network.securityGroups.map { ["id": .string($0)] }),
            ],
            "runtime": .string(spec.runtime.rawValue),
            "apiAccess": .bool(spec.apiAccess),
            "hostNetwork": .bool(spec.hostNetwork),
        ]
    }

    private static func decisionValues(
        _ spec: TenantSpec, _ layout: Layout, _ cluster: ClusterProfile, _ facts: ClusterFacts
    )
        throws -> JSONValue
    {
        let podSecurityEnforce = spec.hostNetwork ? "privileged" : "restricted"
        var namespaceLabels = ownerLabels(tenant: spec.name)
        namespaceLabels[Labels.runtime] = layout.runtime.rawValue
        namespaceLabels[Labels.network] = layout.network.rawValue
        for (mode, level) in [("enforce", podSecurityEnforce), ("audit", "restricted"), ("warn", "restricted")] {
            namespaceLabels["pod-security.kubernetes.io/\(mode)"] = level
            namespaceLabels["pod-security.kubernetes.io/\(mode)-version"] = facts.version.description
        }
        let selector: [String: String]? = layout.pool == nil ? nil : [Labels.tenant: spec.name]
        return [
            "isolation": .string(layout.isolation.rawValue),
            "nodes": .string(layout.nodes.rawValue),
            "runtime": .string(layout.runtime.rawValue),
            "network": .string(layout.network.rawValue),
            "apiServer": .string(layout.apiServer.rawValue),
            "podSecurityEnforce": .string(podSecurityEnforce),
            "namespaceLabels": labels(namespaceLabels),
            "nodeSelector": selector.map(labels) ?? .null,
            "runtimeClass": layout.runtime == .secure ? .string(SecureRuntime.className) : .null,
            "pool": try layout.pool.map { try JSONValue(encoding: pool(spec, $0, layout, cluster, facts)) } ?? .null,
            "allowFromPeers": spec.network.allowFrom.isEmpty ? .null : allowFromPeers(spec.network.allowFrom),
            "apiServerPeer": spec.apiAccess ? apiServerPeer(cluster) : .null,
            "podRules": .array(
                AdmissionRules.validations(tenant: spec.name, layout: layout) + SpecAdmissionRules.podRules(spec)),
            "podResources": .array(SpecAdmissionRules.podResources(spec).map(JSONValue.string)),
            "objectPolicies": .array(SpecAdmissionRules.objectPolicies(spec)),
            "autoscaler": layout.pool?.autoscaling == nil ? .null : try JSONValue(encoding: autoscalerAddon),
        ]
    }

    private static func clusterValues(_ cluster: ClusterProfile, _ decision: Decision, _ facts: ClusterFacts) throws
        -> JSONValue
    {
        let system = try SystemPool.body(cluster).map { try JSONValue(encoding: $0) }
        let base: JSONValue = [
            "name": .string(cluster.name),
            "version": .string(facts.version.description),
            "networkMode": .string(cluster.networkMode.rawValue),
            "category": .string(cluster.category.rawValue),
            "admissionPolicyAPI": facts.admissionPolicyAPI.map(JSONValue.string) ?? .null,
            "systemPool": system ?? .null,
            "cce": .bool(cluster.cce != nil),
        ]
        guard case .own(let new) = decision.layout.site else { return base }
        var values = base
        values["new"] = try JSONValue(encoding: NewClusterBody.body(tenant: decision.tenant, new, network: cluster.cce))
        values["cce"] = true
        values["networkMode"] = .string(new.networkMode.rawValue)
        values["category"] = .string(new.category.rawValue)
        return values
    }

    private static func pool(
        _ spec: TenantSpec, _ pool: Layout.Pool, _ layout: Layout, _ cluster: ClusterProfile,
        _ facts: ClusterFacts
    ) -> CCENodePool {
        var template = NodeTemplate.base(flavor: pool.flavor, cluster)
        template.k8sTags = ownerLabels(tenant: spec.name)
        template.taints = [.init(key: Labels.tenant, value: spec.name, effect: "NoSchedule")]
        let script = NodeScript.postInstall(layout: layout, cluster: cluster, version: facts.version)
        template.extendParam = script.map { .init(maxPods: 110, postInstallScript: $0) } ?? .init(maxPods: 110)
        if layout.runtime == .secure {
            template.os = cluster.cce?.secureNodeOS ?? NodeTemplate.defaultSecureOS
            template.rootVolume = .init(size: 50, volumetype: "SAS", passthrough: true)
            template.dataVolumes = [.init(size: 100, volumetype: "SAS", passthrough: true)]
        }
        let autoscaling = pool.autoscaling.map {
            CCENodePool.Autoscaling(enable: true, minNodeCount: Int($0.min), maxNodeCount: Int($0.max))
        }
        return CCENodePool(
            metadata: CCEMetadata(name: Names.tenantPool(spec.name)),
            spec: .init(
                type: layout.runtime == .secure ? "ElasticBMS" : "vm", initialNodeCount: Int(pool.nodes),
                autoscaling: autoscaling, nodeTemplate: template))
    }

    /// The CCE autoscaler add-on for a pool that scales, with the values tenantctl chooses; the engine adds the
    /// cluster ID, and the CCE client the rest from the add-on template (version, `basic`, `flavor`, the IDs).
    private static let autoscalerAddon = CCEAddon(
        templateName: "autoscaler", clusterID: nil, values: ["custom": ["scaleDownEnabled": true]])

    private static func subject(_ subject: TenantSpec.Subject) -> JSONValue {
        switch subject {
        case .group(let name): return ["kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": .string(name)]
        case .user(let name): return ["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": .string(name)]
        }
    }

    /// LimitRange items: containers (defaults and bounds) and claims (size bounds); nil without limits.
    private static func limitItems(_ limits: TenantSpec.Limits?) -> JSONValue {
        var items: [JSONValue] = []
        if let container = limits?.container {
            var item: JSONValue = ["type": "Container"]
            for (key, resources) in [
                ("defaultRequest", container.defaultRequest), ("default", container.default), ("min", container.min),
                ("max", container.max),
            ] {
                guard let resources else { continue }
                var values: [String: JSONValue] = [:]
                if let cpu = resources.cpu { values["cpu"] = .string(cpu.text) }
                if let memory = resources.memory { values["memory"] = .string(memory.text) }
                if !values.isEmpty { item[key] = .object(values) }
            }
            items.append(item)
        }
        if let claim = limits?.persistentVolumeClaim {
            var item: JSONValue = ["type": "PersistentVolumeClaim"]
            if let min = claim.min { item["min"] = ["storage": .string(min.text)] }
            if let max = claim.max { item["max"] = ["storage": .string(max.text)] }
            items.append(item)
        }
        return items.isEmpty ? .null : .array(items)
    }

    /// NetworkPolicy peers for the namespaces allowed in, by their immutable name label.
    private static func allowFromPeers(_ names: [String]) -> JSONValue {
        [
            [
                "namespaceSelector": [
                    "matchExpressions": [
                        [
                            "key": "kubernetes.io/metadata.name", "operator": "In",
                            "values": .array(names.map(JSONValue.string)),
                        ]
                    ]
                ]
            ]
        ]
    }

    /// The egress peer for the API server when the tenant may reach it; nil without a known address.
    private static func apiServerPeer(_ cluster: ClusterProfile) -> JSONValue {
        guard let address = cluster.apiServerAddress else { return .null }
        return [["ipBlock": ["cidr": .string("\(address)/32")]]]
    }

    private static func labels(_ values: [String: String]) -> JSONValue { .object(values.mapValues(JSONValue.string)) }
}

/// The label keys tenantctl writes and selects on.
public enum Labels {
    public static let managedBy = "app.kubernetes.io/managed-by"
    public static let managedByValue = "tenantctl"
    public static let tenant = TenantMarks.label
    public static let runtime = "tenantctl.io/runtime"
    public static let network = "tenantctl.io/network"
}
