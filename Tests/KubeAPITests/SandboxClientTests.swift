import Foundation
import JSON
import KubeAPI
import Sandbox
import TestSupport
import Testing

/// The generic client over libcurl against the in-repo API server.
@Suite struct SandboxClientTests {
    func namespace(_ name: String, labels: JSONValue = [:]) -> JSONValue {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name), "labels": labels]]
    }

    @Test func createGetListPatchDelete() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection(), options: .init(retry: .fast))
            let created = try await client.create(namespace("acme-web", labels: ["tenantctl.io/tenant": "acme"]))
            #expect(created.value(at: ["metadata", "uid"]) != nil)
            _ = try await client.create(namespace("other"))

            let reference = ObjectReference(apiVersion: "v1", kind: "Namespace", name: "acme-web")
            #expect(try await client.get(reference).value(at: ["metadata", "name"]) == "acme-web")

            let list = try await client.list(
                apiVersion: "v1", kind: "Namespace", labelSelector: "tenantctl.io/tenant=acme")
            #expect(list.items.map { $0.value(at: ["metadata", "name"]) } == ["acme-web"])
            #expect(!list.resourceVersion.isEmpty)

            let patched = try await client.mergePatch(reference, patch: ["metadata": ["labels": ["tier": "gold"]]])
            #expect(patched.value(at: ["metadata", "labels", "tier"]) == "gold")
            #expect(patched.value(at: ["metadata", "labels", "tenantctl.io/tenant"]) == "acme")

            try await client.delete(reference, propagation: .foreground)
            #expect(client.statistics.attempts == client.statistics.requests)
        }
    }

    @Test func serverSideApplyCreatesThenUpdates() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection(namespace: "team"), options: .init(retry: .fast))
            _ = try await client.create(namespace("team"))
            var quota: JSONValue = [
                "apiVersion": "v1", "kind": "ResourceQuota",
                "metadata": ["name": "q", "labels": ["app.kubernetes.io/managed-by": "tenantctl"]],
                "spec": ["hard": ["pods": "10"]],
            ]
            let created = try await client.apply(quota)
            #expect(created.value(at: ["metadata", "namespace"]) == "team")
            let managers = created.value(at: ["metadata", "managedFields"])?.arrayValue?.compactMap {
                $0["manager"]?.stringValue
            }
            #expect(managers == ["tenantctl"])
            quota["spec"] = ["hard": ["pods": "20"]]
            let updated = try await client.apply(quota, force: true)
            #expect(updated.value(at: ["spec", "hard", "pods"]) == "20")
        }
    }

    @Test func dryRunKeepsNothing() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection(), options: .init(retry: .fast))
            let configMap: JSONValue = [
                "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "dry"], "data": ["a": "b"],
            ]
            let answer = try await client.create(configMap, dryRun: true)
            #expect(answer.value(at: ["data", "a"]) == "b")
            let reference = ObjectReference(apiVersion: "v1", kind: "ConfigMap", name: "dry")
            #expect(try await client.getIfPresent(reference) == nil)
        }
    }

    @Test func statusErrorsComeBackTyped() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection(), options: .init(retry: .fast))
            let missing = await #expect(throws: KubeAPIError.self) {
                try await client.get(ObjectReference(apiVersion: "v1", kind: "Namespace", name: "does-not-exist"))
            }
            #expect(missing?.isNotFound == true)
            #expect(
                missing?.description
                    == "GET /api/v1/namespaces/does-not-exist: 404 NotFound: namespaces \"does-not-exist\" not found")

            _ = try await client.create(namespace("twice"))
            let duplicate = await #expect(throws: KubeAPIError.self) { try await client.create(namespace("twice")) }
            #expect(duplicate?.isAlreadyExists == true)

            let invalid = await #expect(throws: KubeAPIError.self) {
                try await client.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "Bad_Name"]])
            }
            #expect(invalid?.code == 422)
            #expect(invalid?.reason == .invalid)
            #expect(invalid?.description.contains("[metadata.name: FieldValueInvalid]") == true)
            #expect(sandbox.server.requestCounts["GET"] == 1)
            #expect(sandbox.server.requestCounts["POST"] == 3)
        }
    }

    @Test func discoveryServesVersionsAndCustomResources() async throws {
        let securityGroup = ResourceType(
            group: "crd.yangtse.cni", version: "v1", kind: "SecurityGroup", plural: "securitygroups", scope: .namespaced
        )
        try await withSandbox(configure: {
            $0.gitVersion = "v1.29.8"
            $0.customResources = [securityGroup]
        }) { sandbox in
            let client = KubeClient(connection: sandbox.connection(), options: .init(retry: .fast))
            #expect(try await client.servedVersions(group: "admissionregistration.k8s.io") == ["v1beta1"])
            #expect(try await client.servedVersions(group: "crd.yangtse.cni") == ["v1"])
            let mapping = try await client.mapping(apiVersion: "crd.yangtse.cni/v1", kind: "SecurityGroup")
            #expect(mapping.resource == "securitygroups" && mapping.namespaced)
            let group: JSONValue = [
                "apiVersion": "crd.yangtse.cni/v1", "kind": "SecurityGroup", "metadata": ["name": "tenant-a-sg"],
                "spec": ["securityGroups": [["id": "sg-1"]]],
            ]
            _ = try await client.create(group)
            let list = try await client.list(
                apiVersion: "crd.yangtse.cni/v1", kind: "SecurityGroup", namespace: "default")
            #expect(list.items.map { $0.value(at: ["metadata", "name"]) } == ["tenant-a-sg"])
            #expect(try await client.serverVersion().gitVersion == "v1.29.8")
        }
    }

    @Test func aWrongTokenIsRejectedWithoutRetries() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection(token: "wrong"), options: .init(retry: .fast))
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.list(apiVersion: "v1", kind: "Namespace")
            }
            #expect(error?.code == 401)
            #expect(error?.attempts == 1)
        }
    }

    @Test func concurrentRequestsDoNotBlockEachOther() async throws {
        try await withSandbox { sandbox in
            // 16 requests of 2 s each take at least 32 s one after another; concurrently about 2 s. The bound
            // sits just below serial, so that only requests queued behind each other fail it: a loaded machine
            // (the end-to-end tests run alongside) has stretched the concurrent case to 17 s.
            sandbox.server.faults.add(Fault(path: "/api/v1/namespaces/default", effect: .latency(.seconds(2))))
            let client = KubeClient(connection: sandbox.connection(), options: .init(retry: .fast))
            let reference = ObjectReference(apiVersion: "v1", kind: "Namespace", name: "default")
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 { group.addTask { _ = try await client.get(reference) } }
                try await group.waitForAll()
            }
            #expect(ContinuousClock.now - started < .seconds(28))
            #expect(client.statistics.requests == 16)
        }
    }

    @Test func cancellingATaskAbortsItsTransfer() async throws {
        try await withSandbox { sandbox in
            // The server would answer after 20 s; a cancelled transfer ends long before that.
            sandbox.server.faults.add(Fault(path: "/api/v1/namespaces/default", effect: .latency(.seconds(20))))
            let client = KubeClient(connection: sandbox.connection(), options: .init(retry: .fast))
            let reference = ObjectReference(apiVersion: "v1", kind: "Namespace", name: "default")
            let started = ContinuousClock.now
            let task = Task { try await client.get(reference) }
            try await Task.sleep(for: .milliseconds(150))
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }
}
