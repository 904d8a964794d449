import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

/// Discovery from bodies shaped like a real v1.28 server's (trimmed), plus a CRD group.
@Suite struct DiscoveryTests {
    static let groups: JSONValue = [
        "kind": "APIGroupList", "apiVersion": "v1",
        "groups": [
            [
                "name": "admissionregistration.k8s.io",
                "versions": [
                    ["groupVersion": "admissionregistration.k8s.io/v1", "version": "v1"],
                    ["groupVersion": "admissionregistration.k8s.io/v1beta1", "version": "v1beta1"],
                ],
                "preferredVersion": ["groupVersion": "admissionregistration.k8s.io/v1", "version": "v1"],
            ],
            [
                "name": "crd.yangtse.cni",
                "versions": [["groupVersion": "crd.yangtse.cni/v1", "version": "v1"]],
                "preferredVersion": ["groupVersion": "crd.yangtse.cni/v1", "version": "v1"],
            ],
        ],
    ]
    static let securityGroups: JSONValue = [
        "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "crd.yangtse.cni/v1",
        "resources": [
            [
                "name": "securitygroups", "singularName": "securitygroup", "namespaced": true, "kind": "SecurityGroup",
                "verbs": ["get"],
            ],
            [
                "name": "securitygroups/status", "singularName": "", "namespaced": true, "kind": "SecurityGroup",
                "verbs": ["get"],
            ],
        ],
    ]

    let transport = RecordingTransport { request, _ in
        switch request.url.path {
        case "/api": .json(200, ["kind": "APIVersions", "versions": ["v1"]])
        case "/apis": .json(200, DiscoveryTests.groups)
        case "/apis/crd.yangtse.cni/v1": .json(200, DiscoveryTests.securityGroups)
        case "/apis/crd.yangtse.cni/v1/namespaces/t/securitygroups/sg": .json(200, ["kind": "SecurityGroup"])
        default: .status(404, reason: "NotFound", message: "the server could not find the requested resource")
        }
    }

    @Test func customResourcesAreMappedThroughDiscoveryOnce() async throws {
        let client = KubeClient.inMemory(transport)
        let mapping = try await client.mapping(apiVersion: "crd.yangtse.cni/v1", kind: "SecurityGroup")
        #expect(
            mapping
                == ResourceMapping(
                    group: "crd.yangtse.cni", version: "v1", resource: "securitygroups", kind: "SecurityGroup",
                    namespaced: true))
        _ = try await client.get(
            ObjectReference(apiVersion: "crd.yangtse.cni/v1", kind: "SecurityGroup", name: "sg", namespace: "t"))
        #expect(
            transport.requests.map(\.url.path) == [
                "/api", "/apis", "/apis/crd.yangtse.cni/v1", "/apis/crd.yangtse.cni/v1/namespaces/t/securitygroups/sg",
            ])
    }

    @Test func builtInKindsNeedNoDiscovery() async throws {
        _ = try await KubeClient.inMemory(transport).mapping(apiVersion: "apps/v1", kind: "Deployment")
        #expect(transport.requests.isEmpty)
    }

    @Test func servedVersionsListThePreferredFirst() async throws {
        let client = KubeClient.inMemory(transport)
        #expect(try await client.servedVersions(group: "admissionregistration.k8s.io") == ["v1", "v1beta1"])
        #expect(try await client.servedVersions(group: "") == ["v1"])
        #expect(try await client.servedVersions(group: "policy.example.com") == [])
        #expect(transport.requests.count == 2)
    }

    @Test func unknownKindsAreNamedInTheError() async throws {
        let client = KubeClient.inMemory(transport)
        await #expect(
            throws: ResourceMappingError(apiVersion: "crd.yangtse.cni/v1", kind: "Widget", servedVersions: ["v1"])
        ) {
            try await client.mapping(apiVersion: "crd.yangtse.cni/v1", kind: "Widget")
        }
        let error = ResourceMappingError(apiVersion: "example.com/v2", kind: "Widget", servedVersions: [])
        #expect(
            error.description
                == "no kind \"Widget\" in apiVersion \"example.com/v2\": the server does not serve the API group \"example.com\""
        )
        await #expect(throws: error) { try await client.mapping(apiVersion: "example.com/v2", kind: "Widget") }
    }

    @Test func aFailedDiscoveryIsNotCached() async throws {
        let flaky = RecordingTransport { request, index in
            if index == 0 { return .status(403, reason: "Forbidden", message: "no discovery for you") }
            return request.url.path == "/api" ? .json(200, ["versions": ["v1"]]) : .json(200, DiscoveryTests.groups)
        }
        let client = KubeClient.inMemory(flaky)
        await #expect(throws: KubeAPIError.self) { try await client.servedVersions(group: "crd.yangtse.cni") }
        #expect(try await client.servedVersions(group: "crd.yangtse.cni") == ["v1"])
    }
}
