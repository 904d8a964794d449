import Engine
import Foundation
import JSON
import KubeAPI
import TenancyCore
import TestSupport
import Testing

/// Reading what a cluster holds of a tenant before offboarding it, against the sandbox: only objects labelled
/// for the tenant, each namespace's volume claims and load balancers, and the shared RuntimeClass only when
/// nobody else uses it.
@Suite struct TenantFootprintReadingTests {
    static let facts = ClusterFacts.discovered(
        version: KubernetesVersion(major: 1, minor: 31), admissionPolicyVersions: ["v1"])

    static func labels(_ tenant: String, runtime: String = "standard") -> JSONValue {
        [
            "app.kubernetes.io/managed-by": "tenantctl", "tenantctl.io/tenant": .string(tenant),
            "tenantctl.io/runtime": .string(runtime),
        ]
    }

    static func seed(_ client: KubeClient, secureTenants: [String]) async throws {
        for (tenant, runtime) in [("acme", "secure"), ("bank", secureTenants.contains("bank") ? "secure" : "standard")]
        {
            for suffix in ["web", "data"] {
                _ = try await client.create([
                    "apiVersion": "v1", "kind": "Namespace",
                    "metadata": ["name": .string("\(tenant)-\(suffix)"), "labels": labels(tenant, runtime: runtime)],
                ])
                _ = try await client.create([
                    "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                    "metadata": [
                        "name": "tenant-admins", "namespace": .string("\(tenant)-\(suffix)"), "labels": labels(tenant),
                    ],
                    "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "admin"],
                    "subjects": [
                        ["kind": "Group", "name": .string("\(tenant)-admins"), "apiGroup": "rbac.authorization.k8s.io"]
                    ],
                ])
            }
        }
        _ = try await client.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "unlabelled"]])
        _ = try await client.create([
            "apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass", "handler": "kata",
            "metadata": ["name": "kata", "labels": ["app.kubernetes.io/managed-by": "tenantctl"]],
        ])
        _ = try await client.create([
            "apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": ["name": "ledger", "namespace": "acme-data"],
            "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "20Gi"]]],
        ])
        _ = try await client.create([
            "apiVersion": "v1", "kind": "Service", "metadata": ["name": "front", "namespace": "acme-web"],
            "spec": ["type": "LoadBalancer", "ports": [["port": 80]]],
        ])
        _ = try await client.create([
            "apiVersion": "v1", "kind": "Service", "metadata": ["name": "internal", "namespace": "acme-web"],
            "spec": ["ports": [["port": 80]]],
        ])
    }

    /// What the sandbox's cluster holds of `tenant`, read without CCE.
    static func footprint(_ tenant: String, _ client: KubeClient) async throws -> TenantFootprint {
        try await TenantFootprintReader.read(
            tenant: tenant, cluster: "shared", kube: client, facts: facts, cce: nil, poolCluster: nil, ownCluster: nil)
    }

    static func names(_ objects: [JSONValue]) -> [String] {
        objects.compactMap { ObjectKey(object: $0)?.description }.sorted()
    }

    @Test func findsOnlyTheTenantsObjectsAndWhatItsNamespacesHold() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            try await Self.seed(client, secureTenants: [])
            let footprint = try await Self.footprint("acme", client)
            #expect(
                Self.names(footprint.objects) == [
                    "Namespace acme-data", "Namespace acme-web", "RoleBinding acme-data/tenant-admins",
                    "RoleBinding acme-web/tenant-admins",
                ])
            #expect(Self.names(footprint.runtimeClasses) == ["RuntimeClass kata"], "acme was the only secure tenant")
            #expect(footprint.kept.isEmpty)
            #expect(Self.names(footprint.contents["acme-data"] ?? []) == ["PersistentVolumeClaim acme-data/ledger"])
            #expect(
                Self.names(footprint.contents["acme-web"] ?? []) == ["Service acme-web/front"],
                "only LoadBalancer Services")
        }
    }

    @Test func aRuntimeClassAnotherTenantUsesIsKept() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            try await Self.seed(client, secureTenants: ["bank"])
            let footprint = try await Self.footprint("acme", client)
            #expect(footprint.runtimeClasses.isEmpty)
            #expect(footprint.kept == ["RuntimeClass kata is kept: tenant bank still uses it."])
        }
    }

    @Test func aRuntimeClassAPodOutsideTheTenantUsesIsKept() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            try await Self.seed(client, secureTenants: [])
            _ = try await client.create([
                "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "sidecar", "namespace": "unlabelled"],
                "spec": ["runtimeClassName": "kata", "containers": [["name": "c", "image": "busybox"]]],
            ])
            let footprint = try await Self.footprint("acme", client)
            #expect(footprint.runtimeClasses.isEmpty)
            #expect(footprint.kept == ["RuntimeClass kata is kept: pod unlabelled/sidecar still uses it."])
        }
    }

    @Test func aStandardTenantNeverTakesTheRuntimeClass() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            try await Self.seed(client, secureTenants: [])
            let footprint = try await Self.footprint("bank", client)
            #expect(footprint.runtimeClasses.isEmpty && footprint.kept.isEmpty)
            #expect(footprint.contents.isEmpty)
        }
    }
}
