import JSON
import Testing

@testable import TenancyCore

/// The live audit's `spec.admission` checks: images from unlisted registries and Services of unlisted types in a
/// tenant's namespaces, judged by the spec of the tenant the namespace's label names.
@Suite struct AdmissionAuditTests {
    static let gate = TenantSpec(
        name: "gate", trust: .partner, cluster: "shared-prod", owners: [.group("gate-admins")],
        namespaces: ["gate-web"],
        quota: TenantSpec.Quota(
            cpu: Quantity(value: 4), memory: Quantity(value: 8_589_934_592), storage: Quantity(value: 10_737_418_240),
            pods: 10, services: 2,
            deployments: 2, statefulsets: 1, persistentVolumeClaims: 2),
        admission: TenantSpec.Admission(registries: ["registry.example.com:5000"], serviceTypes: [.clusterIP]))

    static func namespace(_ name: String, tenant: String?) -> JSONValue {
        var labels: [String: JSONValue] = [:]
        if let tenant { labels["tenantctl.io/tenant"] = .string(tenant) }
        return ["kind": "Namespace", "metadata": ["name": .string(name), "labels": .object(labels)]]
    }

    static let namespaces = [
        namespace("gate-web", tenant: "gate"), namespace("shop", tenant: nil), namespace("other-web", tenant: "other"),
    ]

    static func workload(_ kind: String, in namespace: String, images: [String: [String]]) -> JSONValue {
        var pod: [String: JSONValue] = [:]
        for (key, list) in images {
            pod[key] = .array(
                list.enumerated().map { ["name": .string("c\($0.offset)"), "image": .string($0.element)] })
        }
        let spec: JSONValue = kind == "Pod" ? .object(pod) : ["template": ["spec": .object(pod)]]
        return ["kind": .string(kind), "metadata": ["name": "web", "namespace": .string(namespace)], "spec": spec]
    }

    static func service(_ type: String?, in namespace: String = "gate-web") -> JSONValue {
        var spec: [String: JSONValue] = ["ports": [["port": 80]]]
        if let type { spec["type"] = .string(type) }
        return [
            "kind": "Service", "metadata": ["name": "web", "namespace": .string(namespace)], "spec": .object(spec),
        ]
    }

    func audit(workloads: [JSONValue] = [], services: [JSONValue] = []) -> [Finding] {
        AdmissionAudit.check(
            workloads: workloads, services: services, namespaces: Self.namespaces, tenants: [Self.gate])
    }

    @Test func aPodFromAnUnlistedRegistryIsAFailureNamingTheRegistryAndTheList() {
        let pod = Self.workload("Pod", in: "gate-web", images: ["containers": ["nginx:1.27"]])
        #expect(
            audit(workloads: [pod]).map(\.line) == [
                "FAIL G12 Pod gate-web/web: container c0 pulls nginx:1.27 from docker.io, which tenant gate does not allow (spec.admission.registries: registry.example.com:5000) — fix: pull it from an allowed registry (mirror it there), or add docker.io to spec.admission.registries"
            ])
        #expect(audit(workloads: [pod]).first?.check == "image-registry")
    }

    @Test func everyKindOfContainerOfEveryWorkloadIsChecked() {
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let deployment = Self.workload(
            "Deployment", in: "gate-web",
            images: [
                "containers": ["registry.example.com:5000/team/app@\(digest)", "localhost/x"],
                "initContainers": ["registry.example.com/team/init"], "ephemeralContainers": ["busybox"],
            ])
        let findings = audit(workloads: [deployment])
        #expect(findings.allSatisfy { $0.object == "Deployment gate-web/web" })
        #expect(
            findings.map(\.message).map { String($0.prefix { $0 != "," }) } == [
                "container c1 pulls localhost/x from localhost",
                "init container c0 pulls registry.example.com/team/init from registry.example.com",
                "ephemeral container c0 pulls busybox from docker.io",
            ])
    }

    @Test func onlyNamespacesOfATenantWhoseSpecAsksAreChecked() {
        let images = ["containers": ["quay.io/x/y:1"]]
        let elsewhere = ["shop", "other-web", "unknown"].map { Self.workload("Pod", in: $0, images: images) }
        #expect(audit(workloads: elsewhere, services: [Self.service("NodePort", in: "other-web")]).isEmpty)
        var open = Self.gate
        open.admission = TenantSpec.Admission()
        let findings = AdmissionAudit.check(
            workloads: [Self.workload("Pod", in: "gate-web", images: images)], services: [Self.service("NodePort")],
            namespaces: Self.namespaces, tenants: [open])
        #expect(findings.isEmpty)
    }

    @Test func servicesOfUnlistedTypesFailAndAnUnsetTypeIsClusterIP() {
        let findings = audit(services: [
            Self.service(nil), Self.service("ClusterIP"), Self.service("NodePort"), Self.service("LoadBalancer"),
        ])
        #expect(findings.map(\.check) == ["service-type", "service-type"])
        #expect(
            findings.first?.line
                == "FAIL G6 Service gate-web/web: is of type NodePort, which tenant gate does not allow (spec.admission.serviceTypes: ClusterIP) — fix: make it a ClusterIP Service (reached through an Ingress), or allow NodePort in spec.admission.serviceTypes"
        )
        #expect(findings.last?.message.hasPrefix("is of type LoadBalancer") == true)
    }

    @Test func theLiveAuditReportsAControllersPodsAtTheController() {
        var snapshot = ClusterSnapshot()
        snapshot.namespaces = Self.namespaces
        var pod = Self.workload("Pod", in: "gate-web", images: ["containers": ["nginx"]])
        pod["metadata"]?["ownerReferences"] = [["kind": "ReplicaSet", "name": "web-1", "controller": true]]
        snapshot.workloads = [Self.workload("Deployment", in: "gate-web", images: ["containers": ["nginx"]]), pod]
        snapshot.services = [Self.service("NodePort")]
        let findings = snapshot.audit(versionWindow: nil, tenants: [Self.gate]).filter {
            ["image-registry", "service-type"].contains($0.check)
        }
        #expect(findings.map(\.object) == ["Deployment gate-web/web", "Service gate-web/web"])
        #expect(
            snapshot.audit(versionWindow: nil).allSatisfy { $0.check != "image-registry" && $0.check != "service-type" }
        )
    }
}
