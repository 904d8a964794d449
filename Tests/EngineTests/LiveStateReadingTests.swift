import Engine
import Foundation
import HTTP
import KubeAPI
import JSON
import Sandbox
import TenancyCore
import TestSupport
import Testing

/// Reading live state for a plan against the sandbox: one list per kind and namespace (never a GET per object),
/// unserved kinds reported, and the ValidatingAdmissionPolicy API found by discovery for each server version.
@Suite struct LiveStateReadingTests {
    static func object(_ kind: String, _ apiVersion: String, _ name: String, namespace: String? = nil) -> RenderedStep {
        var metadata: JSONValue = ["name": .string(name)]
        if let namespace { metadata["namespace"] = .string(namespace) }
        let id = "\(kind)[\(namespace ?? "")/\(name)]"
        return RenderedStep(
            id: id, stepID: kind,
            action: .kubernetes(
                ensure: .present,
                object: ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": metadata]))
    }

    @Test func readsWithOneListPerKindAndNamespace() async throws {
        try await withSandbox { sandbox in
            let setup = KubeClient(connection: sandbox.connection())
            for namespace in ["t-web", "t-data"] {
                _ = try await setup.create([
                    "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)],
                ])
                _ = try await setup.create([
                    "apiVersion": "v1", "kind": "ResourceQuota",
                    "metadata": ["name": "tenant-quota", "namespace": .string(namespace)],
                    "spec": ["hard": ["pods": "5"]],
                ])
            }
            let steps =
                ["t-web", "t-data", "t-missing"].map { Self.object("Namespace", "v1", $0) }
                + ["t-web", "t-data"].flatMap { namespace in
                    [
                        Self.object("ResourceQuota", "v1", "tenant-quota", namespace: namespace),
                        Self.object("LimitRange", "v1", "tenant-limits", namespace: namespace),
                        Self.object(
                            "RoleBinding", "rbac.authorization.k8s.io/v1", "tenant-admins", namespace: namespace),
                        Self.object(
                            "RoleBinding", "rbac.authorization.k8s.io/v1", "tenant-viewers", namespace: namespace),
                    ]
                }
            let curl = CurlTransport(trust: sandbox.trust)
            let recorder = RecordingTransport { request, _ in try await curl.send(request) }
            let client = KubeClient(connection: sandbox.connection(), transport: recorder)
            let read = try await LiveObjectReader.read(steps, client: client)

            // Namespaces once (cluster-scoped), then per namespace quotas, limit ranges and role bindings.
            #expect(recorder.requests.count == 1 + 2 * 3)
            #expect(recorder.requests.allSatisfy { $0.method == .get && !$0.url.path.hasSuffix("tenant-quota") })
            #expect(
                Set(read.objects.keys.map(\.description)) == [
                    "Namespace t-web", "Namespace t-data", "ResourceQuota t-web/tenant-quota",
                    "ResourceQuota t-data/tenant-quota",
                ])
            #expect(
                read.objects[
                    ObjectKey(apiVersion: "v1", kind: "ResourceQuota", namespace: "t-web", name: "tenant-quota")]?[
                        "metadata"]?["resourceVersion"] != nil)
            #expect(read.unserved.isEmpty)
        }
    }

    @Test func stepsAcrossManyNamespacesAreReadWithOneListPerKind() async throws {
        try await withSandbox { sandbox in
            let namespaces = (1...5).map { "t-\($0)" }
            let setup = KubeClient(connection: sandbox.connection())
            for namespace in namespaces {
                _ = try await setup.create([
                    "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)],
                ])
                _ = try await setup.create([
                    "apiVersion": "v1", "kind": "ResourceQuota",
                    "metadata": ["name": "tenant-quota", "namespace": .string(namespace)],
                    "spec": ["hard": ["pods": "5"]],
                ])
            }
            let steps = namespaces.flatMap { namespace in
                [
                    Self.object("Namespace", "v1", namespace),
                    Self.object("ResourceQuota", "v1", "tenant-quota", namespace: namespace),
                    Self.object("LimitRange", "v1", "tenant-limits", namespace: namespace),
                ]
            }
            let curl = CurlTransport(trust: sandbox.trust)
            let recorder = RecordingTransport { request, _ in try await curl.send(request) }
            let read = try await LiveObjectReader.read(
                steps, client: KubeClient(connection: sandbox.connection(), transport: recorder))
            #expect(
                Set(recorder.requests.map(\.url.path)) == [
                    "/api/v1/namespaces", "/api/v1/resourcequotas", "/api/v1/limitranges",
                ])
            #expect(read.objects.count == 10, "5 namespaces and 5 quotas: \(read.objects.keys)")

            // A caller that may not list across namespaces reads per namespace instead.
            sandbox.server.faults.add(Fault(path: "/api/v1/resourcequotas", effect: .status(403, message: "forbidden")))
            let before = recorder.requests.count
            let fallback = try await LiveObjectReader.read(
                steps, client: KubeClient(connection: sandbox.connection(), transport: recorder))
            #expect(Set(fallback.objects.keys) == Set(read.objects.keys))
            let quotaLists = recorder.requests.dropFirst(before).filter { $0.url.path.hasSuffix("/resourcequotas") }
            #expect(quotaLists.count == 1 + 5, "\(quotaLists.map(\.url.path))")
        }
    }

    @Test func kindsTheServerDoesNotServeAreReported() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            let steps = [Self.object("SecurityGroup", "crd.yangtse.cni/v1", "tenant-pods", namespace: "t-web")]
            let read = try await LiveObjectReader.read(steps, client: client)
            #expect(read.unserved == ["SecurityGroup (crd.yangtse.cni/v1)"])
            #expect(read.objects.isEmpty)
        }
    }

    @Test(
        arguments: [
            ("v1.31.4", KubernetesVersion(major: 1, minor: 31), "admissionregistration.k8s.io/v1"),
            ("v1.30.0", KubernetesVersion(major: 1, minor: 30), "admissionregistration.k8s.io/v1"),
            ("v1.29.7", KubernetesVersion(major: 1, minor: 29), "admissionregistration.k8s.io/v1beta1"),
            ("v1.27.3", KubernetesVersion(major: 1, minor: 27), nil),
        ] as [(String, KubernetesVersion, String?)])
    func factsComeFromDiscovery(gitVersion: String, version: KubernetesVersion, api: String?) async throws {
        try await withSandbox(configure: { $0.gitVersion = gitVersion }) { sandbox in
            let facts = try await ClusterFactsReader.read(KubeClient(connection: sandbox.connection()))
            #expect(facts == ClusterFacts(version: version, admissionPolicyAPI: api, origin: .discovered))
        }
    }
}
