import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl audit` through the real binary: manifests offline (`--file`), and a live cluster (the sandbox, or
/// the cluster `TENANTCTL_E2E_KUBECONFIG` names) seeded with an insecure namespace.
@Suite struct AuditCommandTests {
    let cli: CommandRunner
    let temporary: TemporaryDirectory

    init() throws {
        temporary = try TemporaryDirectory(prefix: "audit")
        cli = try CommandRunner(workingDirectory: temporary.url)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = temporary.url.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let insecurePod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: root, namespace: shop}
        spec:
          containers:
            - name: app
              image: nginx:1.27
              securityContext: {privileged: true}
              volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
          volumes:
            - name: sock
              hostPath: {path: /var/run/docker.sock}
        """

    static let hardenedPod = """
        # a ConfigMap is not a workload: nothing to check
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: shop}
        data: {mode: strict}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          securityContext:
            runAsNonRoot: true
            seccompProfile: {type: RuntimeDefault}
          containers:
            - name: app
              image: registry.example/shop/web:1.2
              resources:
                requests: {cpu: 100m, memory: 128Mi}
                limits: {cpu: 500m, memory: 256Mi}
              securityContext:
                allowPrivilegeEscalation: false
                readOnlyRootFilesystem: true
                capabilities: {drop: [ALL]}
        """

    @Test func fileWithAPrivilegedRootPodGivesExactlyItsFindings() throws {
        defer { temporary.remove() }
        let file = try write("insecure.yaml", Self.insecurePod)
        let result = try cli.run(["audit", "--file", file])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.stdout.split(separator: "\n").map(String.init) == [
                "FAIL G12 Pod shop/root: volume sock mounts the container runtime socket /var/run/docker.sock — fix: remove the hostPath volume sock; never give a workload the runtime socket",
                "FAIL G13 Pod shop/root: container app runs privileged — fix: set securityContext.privileged: false",
                "FAIL G13 Pod shop/root: container app may run as root (runAsNonRoot is not true) — fix: set securityContext.runAsNonRoot: true",
                "FAIL G13 Pod shop/root: container app allows privilege escalation — fix: set securityContext.allowPrivilegeEscalation: false",
                "FAIL G13 Pod shop/root: container app has no seccomp profile — fix: set securityContext.seccompProfile.type: RuntimeDefault",
                "WARN G13 Pod shop/root: container app has a writable root filesystem — fix: set securityContext.readOnlyRootFilesystem: true and mount emptyDir where it writes",
                "FAIL G12 Pod shop/root: container app has no cpu or memory limit — fix: set resources.limits.cpu and resources.limits.memory (and requests)",
                "audit: 7 findings: 6 fail, 1 warn",
            ])

        let json = try cli.run(["audit", "--file", file, "-o", "json"])
        #expect(json.status == 1)
        let document = try JSONValue.parse(json.stdout)
        #expect(document["summary"] == ["fail": 6, "warn": 1, "total": 7])
        #expect(
            document["findings"]?.arrayValue?.compactMap { $0["check"]?.stringValue } == [
                "runtime-socket", "privileged", "run-as-root", "privilege-escalation", "seccomp",
                "writable-root-filesystem", "resource-limits",
            ])
        #expect(document["findings"]?.arrayValue?.first?["guidance"] == "G12")
        #expect(document["findings"]?.arrayValue?.first?["object"] == "Pod shop/root")

        let markdown = try cli.run(["audit", "--file", file, "-o", "markdown"])
        #expect(markdown.status == 1)
        #expect(
            markdown.stdout.contains(
                "| fail | G13 | Pod shop/root | container app runs privileged | set securityContext.privileged: false |"
            ))
    }

    @Test func hardenedPodGivesNoFindings() throws {
        defer { temporary.remove() }
        let file = try write("hardened.yaml", Self.hardenedPod)
        let result = try cli.run(["audit", "--file", file])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "audit: no findings\n")
        let json = try cli.run(["audit", "--file", file, "-o", "json"])
        #expect(json.status == 0)
        #expect(try JSONValue.parse(json.stdout) == ["findings": [], "summary": ["fail": 0, "warn": 0, "total": 0]])
    }

    @Test func warningsAloneExitZero() throws {
        defer { temporary.remove() }
        let file = try write(
            "warn.yaml",
            Self.hardenedPod.replacingOccurrences(
                of: "readOnlyRootFilesystem: true", with: "readOnlyRootFilesystem: false"))
        let result = try cli.run(["audit", "--file", file])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("WARN G13 Pod shop/web: container app has a writable root filesystem"))
    }

    @Test func usageErrorsExitTwoAndBrokenYAMLExitsOne() throws {
        defer { temporary.remove() }
        let file = try write("insecure.yaml", Self.insecurePod)
        let both = try cli.run(["audit", "--file", file, "--cluster", "shared-prod"])
        #expect(both.status == 2, "\(both.stderr)")
        let missing = try cli.run(["audit", "--file", temporary.url.appendingPathComponent("absent.yaml").path])
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("absent.yaml"))
        let format = try cli.run(["audit", "--file", file, "-o", "xml"])
        #expect(format.status == 2)
        let broken = try write("broken.yaml", "kind: Pod\nspec: [unclosed\n")
        let parse = try cli.run(["audit", "--file", broken])
        #expect(parse.status == 1)
        #expect(parse.stderr.contains("broken.yaml:"), "\(parse.stderr)")
    }

    @Test func liveAuditFindsExactlyTheSeededNamespacesProblems() async throws {
        defer { temporary.remove() }
        let cli = self.cli
        let cluster = try await onOwnThread { try E2ECluster.start(cli: cli) }
        defer { cluster.stop(cli: cli) }
        let namespace = E2ECluster.uniqueName("audit")
        defer {
            if !cluster.isSandbox { _ = try? cluster.kubectl(["delete", "namespace", namespace, "--wait=false"]) }
        }
        // Limits, a network policy and a token-less default ServiceAccount, but no quota; a Deployment that is
        // hardened except that it runs privileged (which Kubernetes only accepts with privilege escalation allowed).
        let seed = try write(
            "seed.yaml",
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: \(namespace)}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: default, namespace: \(namespace)}
            automountServiceAccountToken: false
            ---
            apiVersion: v1
            kind: LimitRange
            metadata: {name: limits, namespace: \(namespace)}
            spec:
              limits:
                - type: Container
                  default: {cpu: 500m, memory: 512Mi}
                  defaultRequest: {cpu: 100m, memory: 128Mi}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: \(namespace)}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: \(namespace)}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                    - name: web
                      image: registry.example/shop/web:1.2
                      resources:
                        limits: {cpu: 500m, memory: 256Mi}
                      securityContext: {privileged: true, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
            """)
        // Server-side: on a real cluster the ServiceAccount controller creates `default` as soon as the namespace
        // exists, between a client-side apply's read and its create (AlreadyExists); a server-side apply upserts.
        try await onOwnThread { _ = try cluster.kubectl(["apply", "--server-side", "-f", seed]) }

        let result = try await onOwnThread { try cli.run(["audit", "--kubeconfig", cluster.kubeconfig, "-o", "json"]) }
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let findings = try JSONValue.parse(result.stdout)["findings"]?.arrayValue ?? []
        let ours = findings.filter { finding in
            let object = finding["object"]?.stringValue ?? ""
            return object.hasSuffix(" \(namespace)") || object.contains(" \(namespace)/")
        }
        #expect(
            ours.map {
                "\($0["severity"]?.stringValue ?? "") \($0["guidance"]?.stringValue ?? "") \($0["object"]?.stringValue ?? ""): \($0["message"]?.stringValue ?? "")"
            }
                == [
                    "fail G4 Namespace \(namespace): has no ResourceQuota",
                    "fail G13 Deployment \(namespace)/web: container web runs privileged",
                    "fail G13 Deployment \(namespace)/web: container web allows privilege escalation",
                ])

        // The text report says the same, and the summary counts every finding in the cluster.
        let text = try await onOwnThread { try cli.run(["audit", "--kubeconfig", cluster.kubeconfig]) }
        #expect(text.status == 1)
        #expect(
            text.stdout.contains(
                "FAIL G13 Deployment \(namespace)/web: container web runs privileged — fix: set securityContext.privileged: false\n"
            ))
        #expect(text.stdout.contains("FAIL G4 Namespace \(namespace): has no ResourceQuota"))

        // With a quota and the Deployment hardened, the namespace is clean.
        let fixed = try write(
            "fixed.yaml",
            try String(contentsOfFile: seed, encoding: .utf8)
                .replacingOccurrences(
                    of: "privileged: true", with: "privileged: false, allowPrivilegeEscalation: false")
                    + """

                    ---
                    apiVersion: v1
                    kind: ResourceQuota
                    metadata: {name: quota, namespace: \(namespace)}
                    spec:
                      hard: {cpu: "4", memory: 8Gi, pods: "20"}
                    """)
        try await onOwnThread { _ = try cluster.kubectl(["apply", "-f", fixed]) }
        let after = try await onOwnThread { try cli.run(["audit", "--kubeconfig", cluster.kubeconfig, "-o", "json"]) }
        let remaining = (try JSONValue.parse(after.stdout)["findings"]?.arrayValue ?? []).filter { finding in
            let object = finding["object"]?.stringValue ?? ""
            return object.hasSuffix(" \(namespace)") || object.contains(" \(namespace)/")
        }
        #expect(remaining == [], "\(after.stdout)\(after.stderr)")
    }

    @Test func liveAuditWithTenantSpecsFindsWhatTheirAdmissionForbids() async throws {
        defer { temporary.remove() }
        let cli = self.cli
        let tenant = try E2ETenant(admission: AdmissionFixtures.admission)
        defer { tenant.remove() }
        let cluster = try await onOwnThread { try E2ECluster.start(cli: cli) }
        defer { cluster.stop(cli: cli) }
        let namespace = tenant.namespaces[0]
        defer {
            if !cluster.isSandbox { _ = try? cluster.kubectl(["delete", "namespace", namespace, "--wait=false"]) }
        }
        // The tenant's namespace without its policies (as on a cluster without the policy API): a Deployment with
        // one container from a listed registry and one from another, and Services of an allowed and a forbidden type.
        let seed = try write(
            "seed.yaml",
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: \(namespace), labels: {tenantctl.io/tenant: \(tenant.name)}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: \(namespace)}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - {name: web, image: "registry.example.com:5000/shop/web:1.2"}
                    - {name: sidecar, image: "quay.io/team/proxy:1.0"}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: \(namespace)}
            spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: debug, namespace: \(namespace)}
            spec: {type: NodePort, selector: {app: web}, ports: [{port: 8080}]}
            """)
        try await onOwnThread { _ = try cluster.kubectl(["apply", "-f", seed]) }

        func admissionFindings(_ extra: [String]) async throws -> [String] {
            let result = try await onOwnThread {
                try cli.run(["audit", "--kubeconfig", cluster.kubeconfig, "-o", "json"] + extra)
            }
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            return (try JSONValue.parse(result.stdout)["findings"]?.arrayValue ?? [])
                .filter { ["image-registry", "service-type"].contains($0["check"]?.stringValue ?? "") }
                .map {
                    "\($0["guidance"]?.stringValue ?? "") \($0["object"]?.stringValue ?? ""): \($0["message"]?.stringValue ?? "")"
                }
        }
        #expect(
            try await admissionFindings(["--tenants", tenant.spec]) == [
                "G12 Deployment \(namespace)/web: container sidecar pulls quay.io/team/proxy:1.0 from quay.io, which tenant \(tenant.name) does not allow (spec.admission.registries: docker.io, registry.example.com:5000)",
                "G6 Service \(namespace)/debug: is of type NodePort, which tenant \(tenant.name) does not allow (spec.admission.serviceTypes: ClusterIP, LoadBalancer)",
            ])
        #expect(try await admissionFindings([]) == [], "without the specs nothing says what the tenant may use")
    }
}
