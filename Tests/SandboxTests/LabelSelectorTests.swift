import JSON
import Testing

@testable import Sandbox

/// Label selectors: parsing every operator, and filtering lists over HTTP.
@Suite struct LabelSelectorTests {
    let labels = ["tier": "web", "env": "prod", "version": "3"]

    @Test(arguments: [
        ("tier=web", true), ("tier==web", true), ("tier!=web", false), ("tier!=db", true), ("missing!=x", true),
        ("env in (prod,staging)", true), ("env in (dev)", false), ("env notin (dev, staging)", true),
        ("missing notin (a)", true), ("tier", true), ("missing", false), ("!missing", true), ("!tier", false),
        ("tier=web,env=prod", true), ("tier=web,env=dev", false), ("version>2", true), ("version<3", false),
        ("", true), ("tier=", false),
    ])
    func matches(selector: String, expected: Bool) throws {
        #expect(try LabelSelector(parsing: selector).matches(labels) == expected)
    }

    @Test(arguments: ["=web", "env in prod", "a,,b", "env in (a", "bad key=1"])
    func rejectsMalformedSelectors(selector: String) {
        #expect(throws: KubeStatusError.self) { try LabelSelector(parsing: selector) }
    }

    @Test func listsFilterByLabelSelector() async throws {
        try await TestSandbox.with { _, client in
            _ = try await client.post(
                "/api/v1/namespaces", namespace("sample-ns", labels: ["tenantctl.io/tenant": "sample"]))
            _ = try await client.post(
                "/api/v1/namespaces", namespace("other-ns", labels: ["tenantctl.io/tenant": "other"]))
            let selected = try await client.get("/api/v1/namespaces?labelSelector=tenantctl.io%2Ftenant%3Dsample")
            #expect(selected.json["kind"] == "NamespaceList")
            #expect(names(selected.json) == ["sample-ns"])
            let notIn = try await client.get(
                "/api/v1/namespaces?labelSelector=tenantctl.io%2Ftenant+notin+%28sample%29%2Ctenantctl.io%2Ftenant")
            #expect(names(notIn.json) == ["other-ns"])
            let absent = try await client.get("/api/v1/namespaces?labelSelector=%21tenantctl.io%2Ftenant")
            #expect(names(absent.json) == ["default", "kube-node-lease", "kube-public", "kube-system"])
            let bad = try await client.get("/api/v1/namespaces?labelSelector=a+in+b")
            #expect(bad.status == 400)
        }
    }

    @Test func listsAcrossNamespacesAndByField() async throws {
        try await TestSandbox.with { _, client in
            for name in ["one", "two"] {
                _ = try await client.post("/api/v1/namespaces", namespace(name))
                _ = try await client.post(
                    "/api/v1/namespaces/\(name)/configmaps", configMap("app", labels: ["app": "x"]))
            }
            let all = try await client.get("/api/v1/configmaps?labelSelector=app%3Dx")
            #expect(
                all.json["items"]?.arrayValue?.compactMap { $0[path: "metadata.namespace"]?.stringValue } == [
                    "one", "two",
                ])
            let byName = try await client.get("/api/v1/namespaces?fieldSelector=metadata.name%3Dtwo")
            #expect(names(byName.json) == ["two"])
        }
    }

    private func names(_ list: JSONValue) -> [String] {
        list["items"]?.arrayValue?.compactMap { $0[path: "metadata.name"]?.stringValue } ?? []
    }
}
