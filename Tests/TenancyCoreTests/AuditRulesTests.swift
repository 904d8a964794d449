import JSON
import Testing

@testable import TenancyCore

/// Each audit rule on an object that passes and on one that fails.
@Suite struct AuditRulesTests {
    /// A container that passes every workload check.
    static let hardenedContainer: JSONValue = [
        "name": "app", "image": "registry.example/shop/web:1.2",
        "resources": ["limits": ["cpu": "500m", "memory": "256Mi"], "requests": ["cpu": "100m", "memory": "128Mi"]],
        "securityContext": [
            "runAsNonRoot": true, "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
            "capabilities": ["drop": ["ALL"]], "seccompProfile": ["type": "RuntimeDefault"],
        ],
    ]

    static func pod(container: JSONValue = hardenedContainer, pod extra: [String: JSONValue] = [:]) -> JSONValue {
        var spec: [String: JSONValue] = ["containers": [container]]
        for (key, value) in extra { spec[key] = value }
        return [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web", "namespace": "shop"], "spec": .object(spec),
        ]
    }

    static func deployment(container: JSONValue = hardenedContainer) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "shop"],
            "spec": ["template": ["spec": ["containers": [container]]]],
        ]
    }

    /// The container with `path` in its securityContext set to `value` (nil removes it).
    static func container(_ key: String, _ value: JSONValue?, in section: String = "securityContext") -> JSONValue {
        var container = hardenedContainer
        var context = container[section] ?? [:]
        context[key] = value
        if value == nil, case .object(var members) = context {
            members[key] = nil
            context = .object(members)
        }
        container[section] = context
        return container
    }

    func checks(_ object: JSONValue) -> [String] { WorkloadRules.check(object).map(\.check) }

    @Test func hardenedWorkloadsPassEveryCheck() {
        #expect(WorkloadRules.check(Self.pod()).isEmpty)
        #expect(WorkloadRules.check(Self.deployment()).isEmpty)
        for kind in ["StatefulSet", "DaemonSet", "Job"] {
            var object = Self.deployment()
            object["kind"] = .string(kind)
            #expect(WorkloadRules.check(object).isEmpty, "\(kind)")
        }
    }

    @Test func otherKindsAreNotWorkloads() {
        let service: JSONValue = ["kind": "Service", "metadata": ["name": "web"], "spec": ["containers": [[:]]]]
        #expect(WorkloadRules.check(service).isEmpty)
    }

    @Test func privileged() {
        let findings = WorkloadRules.check(Self.deployment(container: Self.container("privileged", true)))
        #expect(findings.map(\.check) == ["privileged"])
        #expect(
            findings.first?.line
                == "FAIL G13 Deployment shop/web: container app runs privileged — fix: set securityContext.privileged: false"
        )
        #expect(checks(Self.deployment(container: Self.container("privileged", false))).isEmpty)
    }

    @Test func runsAsRoot() {
        #expect(checks(Self.pod(container: Self.container("runAsNonRoot", nil))) == ["run-as-root"])
        #expect(checks(Self.pod(container: Self.container("runAsNonRoot", false))) == ["run-as-root"])
        #expect(checks(Self.pod(container: Self.container("runAsUser", 0))) == ["run-as-root"])
        // Pod-level runAsNonRoot counts for containers that do not say.
        #expect(
            checks(
                Self.pod(
                    container: Self.container("runAsNonRoot", nil), pod: ["securityContext": ["runAsNonRoot": true]])
            )
            .isEmpty)
        #expect(checks(Self.pod(container: Self.container("runAsUser", 1000))).isEmpty)
        // The container's setting overrides the pod's.
        #expect(
            checks(
                Self.pod(
                    container: Self.container("runAsNonRoot", false), pod: ["securityContext": ["runAsNonRoot": true]]))
                == ["run-as-root"])
    }

    @Test func hostNamespaces() {
        let pod = Self.pod(pod: ["hostNetwork": true, "hostPID": true, "hostIPC": true])
        #expect(checks(pod) == ["host-network", "host-pid", "host-ipc"])
        #expect(WorkloadRules.check(pod).allSatisfy { $0.guidance == .g12 && $0.severity == .fail })
        #expect(checks(Self.pod(pod: ["hostNetwork": false, "hostPID": false, "hostIPC": false])).isEmpty)
    }

    @Test func hostPathsAndRuntimeSockets() {
        func volume(_ path: String) -> [String: JSONValue] {
            ["volumes": [["name": "v", "hostPath": ["path": .string(path)]]]]
        }
        #expect(checks(Self.pod(pod: volume("/var/run/docker.sock"))) == ["runtime-socket"])
        #expect(checks(Self.pod(pod: volume("/run/containerd/containerd.sock"))) == ["runtime-socket"])
        #expect(checks(Self.pod(pod: volume("/etc"))) == ["sensitive-host-path"])
        #expect(checks(Self.pod(pod: volume("/var/lib/kubelet/pods"))) == ["sensitive-host-path"])
        #expect(checks(Self.pod(pod: volume("/"))) == ["sensitive-host-path"])
        #expect(WorkloadRules.check(Self.pod(pod: volume("/data/cache"))).map(\.severity) == [.warn])
        #expect(checks(Self.pod(pod: ["volumes": [["name": "tmp", "emptyDir": [:]]]])).isEmpty)
        #expect(!WorkloadRules.isSensitive("/etcetera"))
    }

    @Test func resourceLimits() {
        #expect(
            checks(Self.pod(container: Self.container("limits", ["cpu": "1"], in: "resources"))) == ["resource-limits"])
        let none = WorkloadRules.check(Self.pod(container: Self.container("limits", nil, in: "resources")))
        #expect(none.map(\.message) == ["container app has no cpu or memory limit"])
        #expect(
            checks(Self.pod(container: Self.container("limits", ["cpu": "1", "memory": "1Gi"], in: "resources")))
                .isEmpty)
    }

    @Test func writableRootFilesystemWarns() {
        let findings = WorkloadRules.check(Self.pod(container: Self.container("readOnlyRootFilesystem", false)))
        #expect(findings.map(\.check) == ["writable-root-filesystem"])
        #expect(findings.map(\.severity) == [.warn])
    }

    @Test func seccomp() {
        #expect(checks(Self.pod(container: Self.container("seccompProfile", nil))) == ["seccomp"])
        #expect(checks(Self.pod(container: Self.container("seccompProfile", ["type": "Unconfined"]))) == ["seccomp"])
        #expect(
            checks(
                Self.pod(
                    container: Self.container("seccompProfile", nil),
                    pod: ["securityContext": ["seccompProfile": ["type": "RuntimeDefault"]]])
            )
            .isEmpty)
        #expect(
            checks(
                Self.pod(
                    container: Self.container("seccompProfile", ["type": "Localhost", "localhostProfile": "p.json"]))
            ).isEmpty)
    }

    @Test func addedCapabilities() {
        let findings = WorkloadRules.check(
            Self.pod(container: Self.container("capabilities", ["add": ["NET_ADMIN", "SYS_TIME"]])))
        #expect(findings.map(\.check) == ["added-capabilities"])
        #expect(findings.first?.message == "container app adds capabilities NET_ADMIN, SYS_TIME")
        #expect(checks(Self.pod(container: Self.container("capabilities", ["drop": ["ALL"]]))).isEmpty)
    }

    @Test func privilegeEscalation() {
        #expect(
            checks(Self.pod(container: Self.container("allowPrivilegeEscalation", nil))) == ["privilege-escalation"])
        #expect(
            checks(Self.pod(container: Self.container("allowPrivilegeEscalation", true))) == ["privilege-escalation"])
    }

    @Test func sshd() {
        var image = Self.hardenedContainer
        image["image"] = "linuxserver/openssh-server:latest"
        #expect(checks(Self.pod(container: image)) == ["sshd"])
        var command = Self.hardenedContainer
        command["command"] = ["/bin/sh", "-c", "/usr/sbin/sshd -D & exec app"]
        #expect(checks(Self.pod(container: command)) == ["sshd"])
        var args = Self.hardenedContainer
        args["args"] = ["sshd", "-D"]
        #expect(checks(Self.pod(container: args)) == ["sshd"])
        var benign = Self.hardenedContainer
        benign["command"] = ["/app/server", "--sshd-compat=false"]
        #expect(checks(Self.pod(container: benign)).isEmpty)
    }

    @Test func initContainersAreChecked() {
        var pod = Self.pod()
        pod["spec"]?["initContainers"] = [Self.container("privileged", true)]
        #expect(WorkloadRules.check(pod).map(\.message) == ["init container app runs privileged"])
    }

    // MARK: namespaces

    static func namespace(_ name: String, labels: JSONValue = [:]) -> JSONValue {
        ["kind": "Namespace", "metadata": ["name": .string(name), "labels": labels]]
    }
    static func inNamespace(_ kind: String, _ namespace: String, name: String = "x", extra: [String: JSONValue] = [:])
        -> JSONValue
    {
        var object: [String: JSONValue] = [
            "kind": .string(kind), "metadata": ["name": .string(name), "namespace": .string(namespace)],
        ]
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    @Test func namespaceWithEverythingPasses() {
        let findings = ClusterRules.namespaces(
            [Self.namespace("shop")], quotas: [Self.inNamespace("ResourceQuota", "shop")],
            limitRanges: [Self.inNamespace("LimitRange", "shop")],
            networkPolicies: [Self.inNamespace("NetworkPolicy", "shop")],
            serviceAccounts: [
                Self.inNamespace(
                    "ServiceAccount", "shop", name: "default", extra: ["automountServiceAccountToken": false])
            ])
        #expect(findings.isEmpty)
    }

    @Test func bareNamespaceFails() {
        let findings = ClusterRules.namespaces(
            [Self.namespace("shop"), Self.namespace("kube-system"), Self.namespace("default")], quotas: [],
            limitRanges: [],
            networkPolicies: [],
            serviceAccounts: [
                Self.inNamespace("ServiceAccount", "shop", name: "default"),
                Self.inNamespace("ServiceAccount", "kube-system", name: "default"),
                Self.inNamespace("ServiceAccount", "shop", name: "builder"),
            ])
        #expect(
            findings.map { "\($0.severity.rawValue) \($0.guidance.rawValue) \($0.object) \($0.check)" } == [
                "fail G4 Namespace shop no-resource-quota", "fail G5 Namespace shop no-limit-range",
                "warn G6 Namespace shop no-network-policy",
                "fail G2 ServiceAccount shop/default default-token-automount",
            ])
    }

    @Test func securityGroupNamespacesNeedNoNetworkPolicy() {
        let findings = ClusterRules.namespaces(
            [Self.namespace("shop", labels: ["tenantctl.io/network": "security-group"])],
            quotas: [Self.inNamespace("ResourceQuota", "shop")], limitRanges: [Self.inNamespace("LimitRange", "shop")],
            networkPolicies: [], serviceAccounts: [])
        #expect(findings.isEmpty)
    }

    // MARK: cluster

    static let window = PriceCatalog.VersionWindow(
        minimumSupported: KubernetesVersion(major: 1, minor: 28), latest: KubernetesVersion(major: 1, minor: 31))

    @Test func version() {
        #expect(ClusterRules.version("v1.31.2-r0", window: Self.window).isEmpty)
        #expect(ClusterRules.version("v1.29.1", window: Self.window).map(\.severity) == [.warn])
        let old = ClusterRules.version("v1.25.3", window: Self.window)
        #expect(old.map(\.severity) == [.fail])
        #expect(old.first?.message == "v1.25 is older than the oldest supported v1.28")
        #expect(old.first?.guidance == .g1)
    }

    @Test func webTerminal() {
        let binding: JSONValue = [
            "kind": "ClusterRoleBinding", "metadata": ["name": "web-terminal", "labels": ["app": "web-terminal"]],
        ]
        let service: JSONValue = [
            "kind": "Service",
            "metadata": ["name": "web-terminal", "namespace": "kube-system", "labels": ["app": "web-terminal"]],
        ]
        let other: JSONValue = [
            "kind": "Service", "metadata": ["name": "web", "namespace": "shop", "labels": ["app": "web"]],
        ]
        let findings = ClusterRules.webTerminal([binding, service, other])
        #expect(findings.map(\.object) == ["ClusterRoleBinding web-terminal", "Service kube-system/web-terminal"])
        #expect(findings.allSatisfy { $0.guidance == .g8 && $0.severity == .fail })
        #expect(ClusterRules.webTerminal([other]).isEmpty)
    }

    @Test func kubelet() {
        let secure: JSONValue = [
            "kubeletconfig": [
                "authorization": ["mode": "Webhook"], "authentication": ["anonymous": ["enabled": false]],
            ]
        ]
        #expect(ClusterRules.kubelet(node: "n1", configz: secure).isEmpty)
        let open: JSONValue = [
            "kubeletconfig": [
                "authorization": ["mode": "AlwaysAllow"], "authentication": ["anonymous": ["enabled": true]],
            ]
        ]
        let findings = ClusterRules.kubelet(node: "n1", configz: open)
        #expect(findings.map(\.check) == ["kubelet-authorization", "kubelet-anonymous"])
        #expect(findings.allSatisfy { $0.guidance == .g7 && $0.severity == .fail && $0.object == "Node n1" })
    }

    @Test func tenantBindings() {
        let namespaces = [
            Self.namespace("acme-web", labels: ["tenantctl.io/tenant": "acme"]),
            Self.namespace("globex-web", labels: ["tenantctl.io/tenant": "globex"]),
        ]
        func binding(_ kind: String, _ namespace: String?) -> JSONValue {
            var metadata: [String: JSONValue] = ["name": "acme-admins", "labels": ["tenantctl.io/tenant": "acme"]]
            metadata["namespace"] = namespace.map(JSONValue.string)
            return [
                "kind": .string(kind), "metadata": .object(metadata),
                "roleRef": ["kind": "ClusterRole", "name": "admin"],
            ]
        }
        #expect(ClusterRules.tenantBindings([binding("RoleBinding", "acme-web")], namespaces: namespaces).isEmpty)
        let unlabelled: JSONValue = [
            "kind": "ClusterRoleBinding", "metadata": ["name": "system"], "roleRef": ["name": "x"],
        ]
        #expect(ClusterRules.tenantBindings([unlabelled], namespaces: namespaces).isEmpty)
        let findings = ClusterRules.tenantBindings(
            [
                binding("ClusterRoleBinding", nil), binding("RoleBinding", "globex-web"),
                binding("RoleBinding", "other"),
            ],
            namespaces: namespaces)
        #expect(
            findings.map(\.check) == ["tenant-cluster-binding", "tenant-foreign-binding", "tenant-foreign-binding"])
        #expect(findings.allSatisfy { $0.guidance == .g3 && $0.severity == .fail })
        #expect(
            findings[1].message
                == "grants tenant acme the ClusterRole admin in namespace globex-web, which is tenant globex's")
    }

    @Test func snapshotSkipsControlledPodsAndReportsUnreadableKubelets() {
        var snapshot = ClusterSnapshot()
        var owned = Self.pod(container: Self.container("privileged", true))
        owned["metadata"]?["ownerReferences"] = [["kind": "ReplicaSet", "name": "web-1", "controller": true]]
        snapshot.workloads = [owned, Self.deployment(container: Self.container("privileged", true))]
        snapshot.kubeletConfigs = [(node: "n1", configz: nil)]
        snapshot.serverVersion = "v1.20.0"
        let findings = snapshot.audit(versionWindow: Self.window)
        #expect(
            findings.map { "\($0.check) \($0.object)" } == [
                "version Cluster version", "kubelet-config-unreadable Node n1", "privileged Deployment shop/web",
            ])
        #expect(snapshot.audit(versionWindow: nil).map(\.check) == ["kubelet-config-unreadable", "privileged"])
    }
}
