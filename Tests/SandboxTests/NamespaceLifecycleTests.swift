import Foundation
import JSON
import Sandbox
import Testing

/// What kube-controller-manager does to namespaces, asynchronously.
@Suite struct NamespaceLifecycleTests {
    @Test func defaultServiceAccountAndRootCAAppearAfterCreation() async throws {
        var configuration = TestSandbox.configuration()
        // Long enough that the read right after the create comes first while the whole suite loads the machine.
        configuration.controllerTimings.namespaceSetup = .seconds(5)
        try await TestSandbox.with(configuration) { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("sample-ns"))
            let serviceAccount = "/api/v1/namespaces/sample-ns/serviceaccounts/default"
            #expect(try await client.get(serviceAccount).status == 404)
            #expect(await eventually(timeout: .seconds(30)) { try await client.get(serviceAccount).status == 200 })
            #expect(
                await eventually {
                    try await client.get("/api/v1/namespaces/sample-ns/configmaps/kube-root-ca.crt").status == 200
                })
            let answer = try await client.post(
                "/api/v1/namespaces/sample-ns/serviceaccounts",
                [
                    "apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "default"],
                    "automountServiceAccountToken": false,
                ])
            #expect(answer.status == 409)
            #expect(
                answer.json
                    == [
                        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                        "message": "serviceaccounts \"default\" already exists", "reason": "AlreadyExists",
                        "details": ["name": "default", "kind": "serviceaccounts"], "code": 409,
                    ])
        }
    }

    @Test func deletionTerminatesThenRemovesEverything() async throws {
        var configuration = TestSandbox.configuration()
        // Long enough that the checks while it terminates cannot outlast it on a loaded machine (3 s once did).
        configuration.controllerTimings.namespaceDeletion = .seconds(10)
        try await TestSandbox.with(configuration) { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("sample-ns"))
            _ = try await client.post("/api/v1/namespaces/sample-ns/configmaps", configMap("c"))
            let deleted = try await client.delete("/api/v1/namespaces/sample-ns")
            #expect(deleted.status == 200)
            #expect(deleted.json["kind"] == "Namespace")
            #expect(deleted.json[path: "status.phase"] == "Terminating")
            #expect(deleted.json[path: "metadata.deletionTimestamp"] != nil)
            #expect(deleted.json[path: "spec.finalizers"] == ["kubernetes"])

            let blocked = try await client.post("/api/v1/namespaces/sample-ns/configmaps", configMap("late"))
            #expect(blocked.status == 403)
            #expect(
                blocked.json
                    == [
                        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                        "message": .string(
                            "configmaps \"late\" is forbidden: unable to create new content in namespace "
                                + "sample-ns because it is being terminated"),
                        "reason": "Forbidden",
                        "details": [
                            "name": "late", "kind": "configmaps",
                            "causes": [
                                [
                                    "reason": "NamespaceTerminating",
                                    "message": "namespace sample-ns is being terminated",
                                    "field": "metadata.namespace",
                                ]
                            ],
                        ],
                        "code": 403,
                    ])
            let again = try await client.delete("/api/v1/namespaces/sample-ns")
            #expect(again.status == 409)

            #expect(
                await eventually(timeout: .seconds(40)) {
                    try await client.get("/api/v1/namespaces/sample-ns").status == 404
                })
            let leftovers = try await client.get("/api/v1/namespaces/sample-ns/configmaps")
            #expect(leftovers.json["items"] == [])
        }
    }

    @Test func quotaStatusIsFilledAndCounts() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post("/api/v1/namespaces", namespace("q"))
            let quota: JSONValue = [
                "apiVersion": "v1", "kind": "ResourceQuota", "metadata": ["name": "q"],
                "spec": [
                    "hard": ["requests.cpu": "2", "pods": "10", "count/deployments.apps": "5", "configmaps": "9"]
                ],
            ]
            _ = try await client.post("/api/v1/namespaces/q/resourcequotas", quota)
            _ = try await client.post(
                "/apis/apps/v1/namespaces/q/deployments",
                ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"], "spec": [:]])
            let expectedUsed: JSONValue = [
                "requests.cpu": "0", "pods": "0", "count/deployments.apps": "1", "configmaps": "1",
            ]
            #expect(
                await eventually {
                    try await client.get("/api/v1/namespaces/q/resourcequotas/q").json[path: "status.used"]
                        == expectedUsed
                })
            let filled = try await client.get("/api/v1/namespaces/q/resourcequotas/q").json
            #expect(filled[path: "status.hard"] == quota[path: "spec.hard"])
            let controller = filled[path: "metadata.managedFields"]?.arrayValue?.first {
                $0["manager"] == "kube-controller-manager"
            }
            #expect(controller?["subresource"] == "status")
            #expect(controller?.value(at: ["fieldsV1", "f:status", "f:hard", "."]) == [:])
        }
    }
}
