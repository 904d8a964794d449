import Foundation
import JSON
import Sandbox
import Testing

/// Discovery, OpenAPI, the node proxy and custom resources.
@Suite struct DiscoveryTests {
    @Test func versionAndAPIRoots() async throws {
        try await TestSandbox.with(TestSandbox.configuration(gitVersion: "v1.30.2")) { _, client in
            let version = try await client.get("/version").json
            #expect(version["gitVersion"] == "v1.30.2")
            #expect(version["major"] == "1")
            #expect(version["minor"] == "30")
            let api = try await client.get("/api").json
            #expect(api["kind"] == "APIVersions")
            #expect(api["versions"] == ["v1"])
            let groups = try await client.get("/apis").json
            #expect(groups["kind"] == "APIGroupList")
            let names = groups["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            for group in [
                "apps", "batch", "networking.k8s.io", "rbac.authorization.k8s.io", "node.k8s.io",
                "coordination.k8s.io", "admissionregistration.k8s.io",
            ] {
                #expect(names.contains(group), "missing \(group)")
            }
        }
    }

    @Test func resourceListsDescribeEachKind() async throws {
        try await TestSandbox.with { _, client in
            let core = try await client.get("/api/v1").json
            #expect(core["kind"] == "APIResourceList")
            #expect(core["apiVersion"] == nil)
            let namespaces = core["resources"]?.arrayValue?.first { $0["name"] == "namespaces" }
            #expect(namespaces?["singularName"] == "namespace")
            #expect(namespaces?["namespaced"] == false)
            #expect(namespaces?["shortNames"] == ["ns"])
            #expect(namespaces?["verbs"]?.arrayValue?.count == 8)
            let networking = try await client.get("/apis/networking.k8s.io/v1").json
            #expect(networking["apiVersion"] == "v1")
            #expect(networking["resources"]?.arrayValue?.first?["kind"] == "NetworkPolicy")
            #expect(try await client.get("/apis/networking.k8s.io").json["kind"] == "APIGroup")
        }
    }

    @Test(arguments: [("v1.28.0", "v1beta1"), ("v1.29.3", "v1beta1"), ("v1.30.0", "v1"), ("v1.33.1", "v1")])
    func admissionPolicyVersionFollowsTheServerVersion(gitVersion: String, served: String) async throws {
        try await TestSandbox.with(TestSandbox.configuration(gitVersion: gitVersion)) { _, client in
            let other = served == "v1" ? "v1beta1" : "v1"
            let list = try await client.get("/apis/admissionregistration.k8s.io/\(served)").json
            let kinds = list["resources"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
            #expect(kinds.contains("ValidatingAdmissionPolicyBinding"))
            #expect(try await client.get("/apis/admissionregistration.k8s.io/\(other)").status == 404)
            let policy: JSONValue = [
                "apiVersion": .string("admissionregistration.k8s.io/\(served)"), "kind": "ValidatingAdmissionPolicy",
                "metadata": ["name": "tenant-hygiene"], "spec": ["validations": [["expression": "true"]]],
            ]
            #expect(
                try await client.post(
                    "/apis/admissionregistration.k8s.io/\(served)/validatingadmissionpolicies", policy
                ).status == 201)
        }
    }

    @Test func openAPIAdvertisesServerSideFieldValidation() async throws {
        try await TestSandbox.with { _, client in
            let root = try await client.get("/openapi/v3").json
            let relative = try #require(root[path: "paths"]?["apis/apps/v1"]?["serverRelativeURL"]?.stringValue)
            let document = try await client.get(relative).json
            let patch = document["paths"]?["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?["patch"]
            #expect(
                patch?["x-kubernetes-group-version-kind"] == ["group": "apps", "version": "v1", "kind": "Deployment"])
            #expect(patch?["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" } == true)
            let v2 = try await client.send(
                "GET", "/openapi/v2", accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
            #expect(v2.status == 200)
            #expect(v2.header("Content-Type")?.hasSuffix("protobuf") == true)
            #expect(v2.data.starts(with: [0x0a, 0x03] + Array("2.0".utf8)))
        }
    }

    @Test func nodeConfigzAnswersTheConfiguredKubeletConfig() async throws {
        try await TestSandbox.with { _, client in
            let nodes = try await client.get("/api/v1/nodes").json["items"]?.arrayValue ?? []
            #expect(nodes.count == 1)
            let name = try #require(nodes.first?[path: "metadata.name"]?.stringValue)
            let configz = try await client.get("/api/v1/nodes/\(name)/proxy/configz")
            #expect(configz.json == SandboxConfiguration.secureKubeletConfigz)
            #expect(try await client.get("/api/v1/nodes/absent/proxy/configz").status == 404)
        }
        var configuration = TestSandbox.configuration()
        configuration.kubeletConfigz = ["kubeletconfig": ["authorization": ["mode": "AlwaysAllow"]]]
        configuration.nodes = ["n1", "n2"]
        try await TestSandbox.with(configuration) { _, client in
            let answer = try await client.get("/api/v1/nodes/n2/proxy/configz")
            #expect(answer.json[path: "kubeletconfig.authorization.mode"] == "AlwaysAllow")
        }
    }

    @Test func customResourcesAreServed() async throws {
        let widget = ResourceType.custom(
            group: "example.com", version: "v1alpha1", kind: "Widget", plural: "widgets", scope: .namespaced,
            shortNames: ["wd"])
        try await TestSandbox.with(TestSandbox.configuration(customResources: [widget])) { _, client in
            let list = try await client.get("/apis/example.com/v1alpha1").json
            #expect(list["resources"]?.arrayValue?.first?["shortNames"] == ["wd"])
            _ = try await client.post("/api/v1/namespaces", namespace("w"))
            let object: JSONValue = [
                "apiVersion": "example.com/v1alpha1", "kind": "Widget", "metadata": ["name": "w1"], "spec": ["size": 1],
            ]
            let created = try await client.post("/apis/example.com/v1alpha1/namespaces/w/widgets", object)
            #expect(created.status == 201)
            #expect(created.json[path: "metadata.generation"] == 1)
            let deleted = try await client.delete("/apis/example.com/v1alpha1/namespaces/w/widgets/w1")
            #expect(deleted.json["kind"] == "Widget")
        }
    }
}
