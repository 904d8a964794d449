import JSON

/// The namespace (G2, G4, G5, G6), version (G1), Web Terminal (G8), kubelet (G7) and tenant RBAC (G3) checks
/// over objects read from a cluster. Pure: objects in, findings out; passes are not reported.
public enum ClusterRules {
    /// Namespaces the platform owns: not audited for tenant quotas, limits, policies or tokens.
    public static let systemNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease", "default"]

    private static func name(_ object: JSONValue) -> String? { object.value(at: ["metadata", "name"])?.stringValue }
    private static func namespace(_ object: JSONValue) -> String? {
        object.value(at: ["metadata", "namespace"])?.stringValue
    }
    private static func labels(_ object: JSONValue) -> [String: JSONValue] {
        object.value(at: ["metadata", "labels"])?.objectValue ?? [:]
    }

    /// Every non-system namespace needs a ResourceQuota (G4), a LimitRange (G5) and a NetworkPolicy (G6, a
    /// warning; skipped for namespaces labelled `tenantctl.io/network: security-group`, isolated by security
    /// groups), and its `default` ServiceAccount must not automount its token (G2).
    public static func namespaces(
        _ namespaces: [JSONValue], quotas: [JSONValue], limitRanges: [JSONValue], networkPolicies: [JSONValue],
        serviceAccounts: [JSONValue]
    ) -> [Finding] {
        let withQuota = Set(quotas.compactMap(namespace))
        let withLimits = Set(limitRanges.compactMap(namespace))
        let withPolicy = Set(networkPolicies.compactMap(namespace))
        var findings: [Finding] = []
        for object in namespaces {
            guard let ns = name(object), !systemNamespaces.contains(ns) else { continue }
            if object.value(at: ["metadata", "deletionTimestamp"]) != nil { continue }
            let at = "Namespace \(ns)"
            if !withQuota.contains(ns) {
                findings.append(
                    Finding(
                        check: "no-resource-quota", guidance: .g4, severity: .fail, object: at,
                        message: "has no ResourceQuota",
                        fix: "create a ResourceQuota for cpu, memory, storage, pods, services and workloads"))
            }
            if !withLimits.contains(ns) {
                findings.append(
                    Finding(
                        check: "no-limit-range", guidance: .g5, severity: .fail, object: at,
                        message: "has no LimitRange",
                        fix: "create a LimitRange with container default/min/max cpu and memory"))
            }
            if !withPolicy.contains(ns), labels(object)[Labels.network]?.stringValue != "security-group" {
                findings.append(
                    Finding(
                        check: "no-network-policy", guidance: .g6, severity: .warn, object: at,
                        message: "has no NetworkPolicy",
                        fix: "add a default-deny NetworkPolicy (or security groups on Cloud Native 2.0)"))
            }
        }
        let audited = Set(namespaces.compactMap(name)).subtracting(systemNamespaces)
        for account in serviceAccounts where name(account) == "default" {
            guard let ns = namespace(account), audited.contains(ns) else { continue }
            if account["automountServiceAccountToken"]?.boolValue != false {
                findings.append(
                    Finding(
                        check: "default-token-automount", guidance: .g2, severity: .fail,
                        object: "ServiceAccount \(ns)/default",
                        message: "the default ServiceAccount automounts its token",
                        fix: "set automountServiceAccountToken: false; workloads that need a token opt in"))
            }
        }
        return findings
    }

    /// The server's version against the catalog's window (G1): older than supported fails, older than the
    /// latest warns; an unreadable version warns.
    public static func version(_ gitVersion: String, window: PriceCatalog.VersionWindow) -> [Finding] {
        let at = "Cluster version"
        guard let version = KubernetesVersion(gitVersion) else {
            return [
                Finding(
                    check: "version", guidance: .g1, severity: .warn, object: at,
                    message: "cannot read the server version \(gitVersion)", fix: "check the cluster's version by hand")
            ]
        }
        if !window.supports(version) {
            return [
                Finding(
                    check: "version", guidance: .g1, severity: .fail, object: at,
                    message: "\(version) is older than the oldest supported \(window.minimumSupported)",
                    fix: "upgrade the cluster to \(window.latest)")
            ]
        }
        if version < window.latest {
            return [
                Finding(
                    check: "version", guidance: .g1, severity: .warn, object: at,
                    message: "\(version) is supported but older than the latest \(window.latest)",
                    fix: "plan an upgrade to \(window.latest)")
            ]
        }
        return []
    }

    /// Web Terminal (G8): a ClusterRoleBinding, Deployment or Service labelled `app: web-terminal` means the
    /// add-on is (or was) installed; its binding grants cluster-admin.
    public static func webTerminal(_ objects: [JSONValue]) -> [Finding] {
        objects.compactMap { object in
            guard ["ClusterRoleBinding", "Deployment", "Service"].contains(object["kind"]?.stringValue ?? ""),
                labels(object)["app"]?.stringValue == "web-terminal"
            else { return nil }
            return Finding(
                check: "web-terminal", guidance: .g8, severity: .fail, object: Finding.describe(object),
                message: "belongs to the Web Terminal add-on",
                fix: "remove the add-on (tenantctl addon remove) and delete what it leaves behind")
        }
    }

    /// Kubelet configuration (G7) from a node's `/configz`: AlwaysAllow authorization or anonymous
    /// authentication fails.
    public static func kubelet(node: String, configz: JSONValue) -> [Finding] {
        let config = configz["kubeletconfig"] ?? configz
        var findings: [Finding] = []
        if config.value(at: ["authorization", "mode"])?.stringValue == "AlwaysAllow" {
            findings.append(
                Finding(
                    check: "kubelet-authorization", guidance: .g7, severity: .fail, object: "Node \(node)",
                    message: "the kubelet authorizes every request (authorization.mode: AlwaysAllow)",
                    fix: "set the kubelet's authorization.mode: Webhook"))
        }
        if config.value(at: ["authentication", "anonymous", "enabled"])?.boolValue == true {
            findings.append(
                Finding(
                    check: "kubelet-anonymous", guidance: .g7, severity: .fail, object: "Node \(node)",
                    message: "the kubelet accepts anonymous requests",
                    fix: "set the kubelet's authentication.anonymous.enabled: false and webhook authentication"))
        }
        return findings
    }

    /// Tenant RBAC (G3): a binding labelled `tenantctl.io/tenant: X` must be a RoleBinding in a namespace
    /// labelled for tenant X; a ClusterRoleBinding grants the tenant the whole cluster.
    public static func tenantBindings(_ bindings: [JSONValue], namespaces: [JSONValue]) -> [Finding] {
        var owner: [String: String] = [:]
        for object in namespaces {
            if let ns = name(object), let tenant = labels(object)[Labels.tenant]?.stringValue { owner[ns] = tenant }
        }
        var findings: [Finding] = []
        for binding in bindings {
            guard let tenant = labels(binding)[Labels.tenant]?.stringValue else { continue }
            let role = binding.value(at: ["roleRef", "name"])?.stringValue ?? "?"
            let roleKind = binding.value(at: ["roleRef", "kind"])?.stringValue ?? "ClusterRole"
            switch binding["kind"]?.stringValue {
            case "ClusterRoleBinding":
                findings.append(
                    Finding(
                        check: "tenant-cluster-binding", guidance: .g3, severity: .fail,
                        object: Finding.describe(binding),
                        message: "grants tenant \(tenant) the \(roleKind) \(role) cluster-wide",
                        fix: "replace it with RoleBindings in the tenant's namespaces"))
            case "RoleBinding":
                let ns = namespace(binding) ?? "?"
                if owner[ns] != tenant {
                    findings.append(
                        Finding(
                            check: "tenant-foreign-binding", guidance: .g3, severity: .fail,
                            object: Finding.describe(binding),
                            message: "grants tenant \(tenant) the \(roleKind) \(role) in namespace \(ns), which is "
                                + (owner[ns].map { "tenant \($0)'s" } ?? "not the tenant's"),
                            fix:
                                "delete it; bind the tenant's groups only in namespaces labelled \(Labels.tenant): \(tenant)"
                        ))
                }
            default: continue
            }
        }
        return findings
    }
}
