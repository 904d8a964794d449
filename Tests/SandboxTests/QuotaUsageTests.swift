import Foundation
import JSON
import Testing

/// The sandbox's quota controller counts what kube-controller-manager's evaluators count: compute from pods that
/// have not finished (containers, init containers, sidecars, overhead), storage from claims, and objects.
@Suite struct QuotaUsageTests {
    static func pod(
        _ name: String, containers: [JSONValue], initContainers: [JSONValue] = [], overhead: JSONValue? = nil
    )
        -> JSONValue
    {
        var spec: JSONValue = ["containers": .array(containers)]
        if !initContainers.isEmpty { spec["initContainers"] = .array(initContainers) }
        if let overhead { spec["overhead"] = overhead }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)], "spec": spec]
    }

    static func container(_ name: String, requests: JSONValue, limits: JSONValue? = nil, always: Bool = false)
        -> JSONValue
    {
        var container: JSONValue = ["name": .string(name), "image": "app:1", "resources": ["requests": requests]]
        if let limits { container["resources"]?["limits"] = limits }
        if always { container["restartPolicy"] = "Always" }
        return container
    }

    @Test func usedCountsPodsClaimsAndObjectsAsTheController() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("used"))
            let quota: JSONValue = [
                "apiVersion": "v1", "kind": "ResourceQuota", "metadata": ["name": "q"],
                "spec": [
                    "hard": [
                        "requests.cpu": "8", "limits.cpu": "8", "requests.memory": "8Gi", "limits.memory": "8Gi",
                        "requests.storage": "100Gi", "pods": "10", "persistentvolumeclaims": "5", "services": "5",
                    ]
                ],
            ]
            _ = try await client.post("/api/v1/namespaces/used/resourcequotas", quota)
            // Containers that state no limit get the LimitRange's default (2 CPUs, 1Gi) as kube-apiserver's
            // LimitRanger gives it; without one, the quota would refuse them.
            _ = try await client.post(
                "/api/v1/namespaces/used/limitranges",
                [
                    "apiVersion": "v1", "kind": "LimitRange", "metadata": ["name": "defaults"],
                    "spec": ["limits": [["type": "Container", "default": ["cpu": "2", "memory": "1Gi"]]]],
                ])
            // Two containers: 750m and 192Mi requested, 1500m and 384Mi as limits.
            _ = try await client.post(
                "/api/v1/namespaces/used/pods",
                Self.pod(
                    "web",
                    containers: [
                        Self.container(
                            "app", requests: ["cpu": "500m", "memory": "128Mi"],
                            limits: ["cpu": "1", "memory": "256Mi"]),
                        Self.container(
                            "log", requests: ["cpu": "250m", "memory": "64Mi"],
                            limits: ["cpu": "500m", "memory": "128Mi"]),
                    ]))
            // An init container larger than the rest (and a sidecar beside it), plus the runtime's overhead:
            // requests cpu max(100m + 100m, 100m + 2) + 100m = 2200m, memory max(64Mi + 32Mi, 32Mi + 1Gi) + 100Mi;
            // limits (the defaults) cpu max(2 + 2, 2 + 2) + 100m = 4100m, memory max(1Gi + 1Gi, …) + 100Mi = 2148Mi.
            _ = try await client.post(
                "/api/v1/namespaces/used/pods",
                Self.pod(
                    "job", containers: [Self.container("main", requests: ["cpu": "100m", "memory": "64Mi"])],
                    initContainers: [
                        Self.container("proxy", requests: ["cpu": "100m", "memory": "32Mi"], always: true),
                        Self.container("migrate", requests: ["cpu": "2", "memory": "1Gi"]),
                    ],
                    overhead: ["cpu": "100m", "memory": "100Mi"]))
            // A finished pod counts for nothing.
            _ = try await client.post(
                "/api/v1/namespaces/used/pods",
                Self.pod("done", containers: [Self.container("main", requests: ["cpu": "500m", "memory": "256Mi"])]))
            var done = try await client.get("/api/v1/namespaces/used/pods/done").json
            done["status"] = ["phase": "Succeeded"]
            _ = try await client.put("/api/v1/namespaces/used/pods/done/status", done)
            for (name, size) in [("data", "20Gi"), ("logs", "512Mi")] {
                _ = try await client.post(
                    "/api/v1/namespaces/used/persistentvolumeclaims",
                    [
                        "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": .string(name)],
                        "spec": [
                            "accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": .string(size)]],
                        ],
                    ])
            }
            let expected: JSONValue = [
                "requests.cpu": "2950m", "limits.cpu": "5600m", "requests.memory": "1348Mi", "limits.memory": "2532Mi",
                "requests.storage": "20992Mi", "pods": "2", "persistentvolumeclaims": "2", "services": "0",
            ]
            var last: JSONValue?
            let settled = await eventually {
                last = try await client.get("/api/v1/namespaces/used/resourcequotas/q").json[path: "status.used"]
                return last == expected
            }
            #expect(settled, "status.used is \(last?.jsonString() ?? "missing")")
            let defaulted = try await client.get("/api/v1/namespaces/used/pods/job").json
            #expect(
                defaulted[path: "spec.containers"]?.arrayValue?.first?["resources"] == [
                    "requests": ["cpu": "100m", "memory": "64Mi"], "limits": ["cpu": "2", "memory": "1Gi"],
                ])
        }
    }

    /// As kube-apiserver's ResourceQuota admission: a create beyond `hard` is refused with 403 and the quota's
    /// numbers, and a pod that states no amount for a bounded compute resource is refused naming it.
    @Test func createsBeyondTheQuotaAreRefused() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("full"))
            _ = try await client.post(
                "/api/v1/namespaces/full/resourcequotas",
                [
                    "apiVersion": "v1", "kind": "ResourceQuota", "metadata": ["name": "tenant-quota"],
                    "spec": ["hard": ["services": "1", "requests.cpu": "1", "limits.cpu": "1"]],
                ])
            let service: (String) -> JSONValue = { name in
                [
                    "apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)],
                    "spec": ["ports": [["port": 80]]],
                ]
            }
            #expect(try await client.post("/api/v1/namespaces/full/services", service("one")).status == 201)
            let refused = try await client.post("/api/v1/namespaces/full/services", service("two"))
            #expect(refused.status == 403)
            #expect(
                refused.json["message"]
                    == #"services "two" is forbidden: exceeded quota: tenant-quota, requested: services=1, used: services=1, limited: services=1"#
            )
            #expect(refused.json["reason"] == "Forbidden")

            let bare = try await client.post(
                "/api/v1/namespaces/full/pods", Self.pod("bare", containers: [["name": "main", "image": "app:1"]]))
            #expect(bare.status == 403)
            #expect(
                bare.json["message"]
                    == #"pods "bare" is forbidden: failed quota: tenant-quota: must specify limits.cpu for: main; requests.cpu for: main"#
            )
            let large = try await client.post(
                "/api/v1/namespaces/full/pods",
                Self.pod(
                    "large", containers: [Self.container("main", requests: ["cpu": "600m"], limits: ["cpu": "1500m"])]))
            #expect(large.status == 403)
            #expect(
                large.json["message"]
                    == #"pods "large" is forbidden: exceeded quota: tenant-quota, requested: limits.cpu=1500m, used: limits.cpu=0, limited: limits.cpu=1"#
            )
            let fits = try await client.post(
                "/api/v1/namespaces/full/pods",
                Self.pod("fits", containers: [Self.container("main", requests: ["cpu": "600m"], limits: ["cpu": "1"])]))
            #expect(fits.status == 201)
        }
    }
}
