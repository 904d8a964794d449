import CCEModel
import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

@testable import CloudAPI

@Suite struct AddonTests {
    @Test func installListGetAndWait() async throws {
        try await CCEHarness.with(delay: 2) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            let installed = try await client.installAddon(
                CCEAddon(templateName: "autoscaler", clusterID: cluster, values: ["custom": ["scaleDownEnabled": true]])
            )
            let id = try #require(installed.id)
            #expect(installed.status?.status == "installing")
            let body = try JSONValue.parse(
                try #require(harness.requests(.post, pathSuffix: "/api/v3/addons").first?.body))
            #expect(body.value(at: ["metadata", "annotations", "addon.install/type"]) == "install")
            #expect(body.value(at: ["spec", "addonTemplateName"]) == "autoscaler")
            #expect(body.value(at: ["spec", "clusterID"]) == .string(cluster))
            // Completed from the template, as Terraform's autoscaler example does: the version for the cluster's
            // v1.30, the template's basic and flavor values, its custom defaults with the IDs, under ours.
            let lookup = try #require(harness.requests(.get, pathSuffix: "/api/v3/addontemplates").first)
            #expect(lookup.url.query == "addon_template_name=autoscaler&cluster_id=\(cluster)")
            #expect(body.value(at: ["spec", "version"]) == "1.33.5")
            #expect(body.value(at: ["spec", "values", "basic", "swr_user"]) == "hwofficial")
            #expect(body.value(at: ["spec", "values", "flavor"]) == ["name": "HA", "replicas": 2])
            let custom = try #require(body.value(at: ["spec", "values", "custom"]))
            #expect(custom["cluster_id"] == .string(cluster) && custom["tenant_id"] == .string(CCEHarness.projectID))
            #expect(custom["scaleDownEnabled"] == true && custom["maxNodesTotal"] == 1000)

            #expect(try await client.waitForAddon(id: id, cluster: cluster).isReady)
            #expect(try await client.addons(cluster: cluster).map(\.spec.addonTemplateName) == ["autoscaler"])
            #expect(try await client.addon(id: id, cluster: cluster).metadata.name == "autoscaler")
            let list = try #require(harness.requests(.get, pathSuffix: "/api/v3/addons").first)
            #expect(list.url.query == "cluster_id=\(cluster)")
        }
    }

    @Test func theNewestStableTemplateVersionForTheClusterIsTaken() throws {
        let template = try JSONValue.parse(
            Data(
                #"""
                {"metadata":{"name":"autoscaler"},"spec":{"versions":[
                 {"version":"1.9.2","input":{},"supportVersions":[{"clusterVersion":["v1.2[0-9].*"]}]},
                 {"version":"1.19.0","input":{},"supportVersions":[{"clusterVersion":["v1.2[0-9].*"]}]},
                 {"version":"1.20.1","input":{},"stable":false,"supportVersions":[{"clusterVersion":["v1.2[0-9].*"]}]},
                 {"version":"1.31.0","input":{},"supportVersions":[{"clusterVersion":["v1.31.*"]}]}]}}
                """#.utf8)
        ).decode(as: CCEAddonTemplate.self)
        #expect(template.newestVersion(supporting: "v1.25.3-r0")?.version == "1.19.0")
        #expect(template.newestVersion(supporting: "v1.31")?.version == "1.31.0")
        #expect(template.newestVersion(supporting: "v1.33") == nil)
    }

    @Test func installingTwiceIsAConflict() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            _ = try await client.installAddon(CCEAddon(templateName: "coredns", clusterID: cluster))
            let error = await #expect(throws: CCEError.self) {
                try await client.installAddon(CCEAddon(templateName: "coredns", clusterID: cluster))
            }
            #expect(error?.isConflict == true)
            #expect(error?.code == "CCE.03409001")
        }
    }

    @Test func removeAddonDeletesTheWebTerminalAndWaitsFor404() async throws {
        try await CCEHarness.with(delay: 2) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            _ = try await client.installAddon(CCEAddon(templateName: "coredns", clusterID: cluster))
            let terminal = try #require(
                try await client.installAddon(CCEAddon(templateName: "web-terminal", clusterID: cluster)).id)

            #expect(try await client.removeAddon(templateName: "web-terminal", cluster: cluster))
            let delete = try #require(harness.requests(.delete, pathSuffix: "/api/v3/addons/\(terminal)").first)
            #expect(delete.url.query == "cluster_id=\(cluster)")
            #expect(try await client.addons(cluster: cluster).map(\.spec.addonTemplateName) == ["coredns"])
            let lookup = try #require(harness.requests(.get, pathSuffix: "/api/v3/addons").first)
            #expect(lookup.url.query == "addon_template_name=web-terminal&cluster_id=\(cluster)")
        }
    }

    @Test func removeAddonIsANoOpWhenAbsent() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            #expect(try await client.removeAddon(templateName: "web-terminal", cluster: cluster) == false)
            #expect(harness.sent.filter { $0.method == .delete }.isEmpty)
            #expect(harness.logText.contains("add-on web-terminal is not installed"))
        }
    }
}
