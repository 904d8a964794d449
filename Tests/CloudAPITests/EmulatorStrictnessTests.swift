import CCEModel
import Foundation
import HTTP
import JSON
import TestSupport
import Testing

@testable import CloudAPI

/// The sandbox's CCE API refuses what real CCE refuses, with CCE's error body: each rule sends one wrong body
/// straight to it and expects the status and `errorCode`, then shows the right body is accepted.
@Suite struct EmulatorStrictnessTests {
    private var clusters: String { "/api/v3/projects/\(CCEHarness.projectID)/clusters" }

    /// The status and CCE error code of a response whose body is `{"errorCode", "errorMessage"}`.
    private func refusal(_ response: HTTPResponse) throws -> (status: Int, code: String?, message: String) {
        let body = try JSONValue.parse(response.body)
        #expect(body.objectValue?.keys.sorted() == ["errorCode", "errorMessage"], "\(body)")
        return (response.status, body["errorCode"]?.stringValue, body["errorMessage"]?.stringValue ?? "")
    }

    @Test func namesOutsideCCEsRulesAreRefused() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let client = harness.client()
            for name in ["abc", "9lives", "tenant-", "Tenant-a", String(repeating: "a", count: 129)] {
                let error = await #expect(throws: CCEError.self) {
                    try await client.createCluster(Samples.cluster(name))
                }
                #expect(error?.status == 400 && error?.code == "CCE.01400001", "\(name)")
                #expect(error?.message?.contains("metadata.name \"\(name)\" must be 4-128 lowercase letters") == true)
            }
            let (_, cluster) = try await harness.clientAndCluster("tenant-a")
            for name in ["DefaultPool", "acme_pool", String(repeating: "a", count: 51)] {
                let error = await #expect(throws: CCEError.self) {
                    try await client.createNodePool(Samples.nodePool(name), cluster: cluster)
                }
                #expect(
                    error?.status == 400 && error?.message?.contains("must be 1-50 lowercase letters") == true,
                    "\(name)")
            }
            #expect(
                try await client.createNodePool(Samples.nodePool(String(repeating: "a", count: 50)), cluster: cluster)
                    .id != nil)
        }
    }

    @Test func aCallWithoutAJSONContentTypeIsRefused() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let now = harness.clock.now()
            let pools = "\(clusters)/no-such-cluster/nodepools/no-such-pool"
            for headers in [[], [(name: "Content-Type", value: "text/plain")]] {
                let bare = try refusal(try await harness.send(.delete, pools, signedAt: now, headers: headers))
                #expect(
                    bare.status == 400 && bare.code == "CCE.01400006" && bare.message == "Content type not supported.")
            }
            let json = try await harness.send(.delete, pools, signedAt: now)
            #expect(json.status == 404)
        }
    }

    @Test func aPoolNeedsACountDisksOfTheirSizesAndPassthroughOnBareMetal() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            func refused(_ change: (inout CCENodePool) -> Void) async -> String {
                var pool = Samples.nodePool("acme-pool")
                change(&pool)
                let error = await #expect(throws: CCEError.self) {
                    try await client.createNodePool(pool, cluster: cluster)
                }
                #expect(error?.status == 400 && error?.code == "CCE.01400001")
                return error?.message ?? ""
            }
            #expect(
                await refused { $0.spec.nodeTemplate.dataVolumes = nil }.contains(
                    "dataVolumes needs at least one data disk"))
            #expect(
                await refused { $0.spec.nodeTemplate.rootVolume = nil }.contains(
                    "rootVolume needs a volumetype and a size of 40-1024 GB"))
            #expect(await refused { $0.spec.nodeTemplate.rootVolume?.size = 20 }.contains("rootVolume needs"))
            #expect(await refused { $0.spec.initialNodeCount = -1 }.contains("spec.initialNodeCount is required"))
            let bareMetal = await refused { $0.spec.type = "ElasticBMS" }
            #expect(
                bareMetal.contains("spec.nodeTemplate.rootVolume of an ElasticBMS node pool needs hw:passthrough: true")
            )
            var elastic = Samples.nodePool("acme-pool")
            elastic.spec.type = "ElasticBMS"
            elastic.spec.nodeTemplate.rootVolume?.passthrough = true
            elastic.spec.nodeTemplate.dataVolumes = [
                CCENodePool.Volume(size: 100, volumetype: "SAS", passthrough: true)
            ]
            #expect(try await client.createNodePool(elastic, cluster: cluster).id != nil)
        }
    }

    @Test func aPoolUpdateTakesTheUpdateSchemaOnly() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (client, cluster) = try await harness.clientAndCluster()
            let id = try #require(try await client.createNodePool(Samples.nodePool("acme-pool"), cluster: cluster).id)
            let path = "\(clusters)/\(cluster)/nodepools/\(id)"
            let now = harness.clock.now()
            func put(_ spec: String) async throws -> HTTPResponse {
                try await harness.send(
                    .put, path, body: #"{"metadata":{"name":"acme-pool"},"spec":"# + spec + "}", signedAt: now)
            }
            let createShaped = try refusal(
                try await put(#"{"initialNodeCount":2,"nodeTemplate":{"rootVolume":{"size":50,"volumetype":"GPSSD"}}}"#)
            )
            #expect(createShaped.status == 400 && createShaped.code == "CCE.01400001")
            #expect(createShaped.message.contains("spec.nodeTemplate.rootVolume is not a field of a node pool update"))
            let zone = try refusal(try await put(#"{"initialNodeCount":2,"nodeTemplate":{"az":"ap-southeast-1b"}}"#))
            #expect(zone.message.contains("spec.nodeTemplate.az is not a field"))
            let flavor = try refusal(try await put(#"{"initialNodeCount":2,"nodeTemplate":{"flavor":"c7.4xlarge.2"}}"#))
            #expect(flavor.status == 400 && flavor.message.contains("flavor of a node pool cannot be changed"))
            // A count left out reads as 0, unless the update says to ignore it.
            #expect(try await put(#"{"ignoreInitialNodeCount":true,"nodeTemplate":{}}"#).status == 200)
            #expect(try await client.nodePool(id: id, cluster: cluster).spec.initialNodeCount == 2)
            #expect(try await put(#"{"nodeTemplate":{}}"#).status == 200)
            #expect(try await client.nodePool(id: id, cluster: cluster).spec.initialNodeCount == 0)
        }
    }

    @Test func anAutoscalerWithoutTheTemplatesValuesIsRefused() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let (_, cluster) = try await harness.clientAndCluster()
            let now = harness.clock.now()
            func install(_ values: String) async throws -> HTTPResponse {
                let body = """
                    {"kind":"Addon","apiVersion":"v3","metadata":{"annotations":{"addon.install/type":"install"}},
                     "spec":{"clusterID":"\(cluster)","addonTemplateName":"autoscaler","version":"1.33.5","values":\(values)}}
                    """
                return try await harness.send(.post, "/api/v3/addons", body: body, signedAt: now)
            }
            let basic = #""basic":{"region":"ap-southeast-1"}"#, flavor = #""flavor":{"replicas":2}"#
            let customOnly = try refusal(try await install(#"{"custom":{"scaleDownEnabled":true}}"#))
            #expect(customOnly.status == 400 && customOnly.code == "CCE.03400001")
            #expect(customOnly.message.contains("spec.values.basic is required for autoscaler"))
            let noFlavor = try refusal(try await install("{\(basic),\"custom\":{}}"))
            #expect(
                noFlavor.message.contains(
                    "spec.values.flavor is required for autoscaler: one of the template's flavor1, flavor2"))
            let noIDs = try refusal(try await install("{\(basic),\(flavor),\"custom\":{\"cluster_id\":\"other\"}}"))
            #expect(
                noIDs.message.contains("spec.values.custom.cluster_id must be the add-on's cluster ID, found \"other\"")
            )
            let ids = "\"custom\":{\"cluster_id\":\"\(cluster)\",\"tenant_id\":\"\(CCEHarness.projectID)\"}"
            #expect(try await install("{\(basic),\(flavor),\(ids)}").status == 201)
        }
    }

    @Test func aContainerRangeInsideTheVPCOrTheServicesIsRefused() async throws {
        try await CCEHarness.with(delay: 0, vpcCIDR: "192.168.0.0/16") { harness async throws in
            let client = harness.client()
            for (cidr, clash) in [
                ("192.168.64.0/18", "VPC vpc-1 (192.168.0.0/16)"),
                ("10.247.0.0/16", "the Service range (10.247.0.0/16)"),
            ] {
                var cluster = Samples.cluster("tenant-a")
                cluster.spec.containerNetwork.cidr = cidr
                let error = await #expect(throws: CCEError.self) { try await client.createCluster(cluster) }
                #expect(error?.status == 400 && error?.code == "CCE.01400005")
                #expect(error?.message == "Container network CIDR blocks conflict: \(cidr) overlaps \(clash).")
            }
            #expect(try await client.createCluster(Samples.cluster("tenant-a")).id != nil)
        }
    }

    private static func turbo(hostSubnet: String, eniSubnet: String) -> String {
        """
        {"kind":"Cluster","apiVersion":"v3","metadata":{"name":"tenant-t"},
         "spec":{"category":"Turbo","type":"VirtualMachine","flavor":"cce.s2.small",
          "hostNetwork":{"vpc":"vpc-1","subnet":"\(hostSubnet)"},"containerNetwork":{"mode":"eni"},
          "eniNetwork":{"subnets":[{"subnetID":"\(eniSubnet)"}]}}}
        """
    }

    @Test func aClusterNeedsTheNetworkIDInHostNetworkAndTheSubnetIDInENINetwork() async throws {
        try await CCEHarness.with(delay: 0) { harness async throws in
            let now = harness.clock.now()
            let swappedHost = try await harness.send(
                .post, clusters, body: Self.turbo(hostSubnet: "subnet-1", eniSubnet: "subnet-1"), signedAt: now)
            let host = try refusal(swappedHost)
            #expect(host.status == 400 && host.code == "CCE.01400002")
            #expect(host.message.contains("spec.hostNetwork.subnet \"subnet-1\" is not the network ID"))
            let swappedENI = try await harness.send(
                .post, clusters, body: Self.turbo(hostSubnet: "net-1", eniSubnet: "net-1"), signedAt: now)
            let eni = try refusal(swappedENI)
            #expect(eni.status == 400 && eni.code == "CCE.01400002")
            #expect(eni.message.contains("subnetID \"net-1\" is not the IPv4 subnet ID"))
            let unknownVPC = try await harness.send(
                .post, clusters,
                body: Self.turbo(hostSubnet: "net-1", eniSubnet: "subnet-1").replacingOccurrences(
                    of: "vpc-1", with: "vpc-9"),
                signedAt: now)
            #expect(try refusal(unknownVPC).code == "CCE.01400001")
            let right = try await harness.send(
                .post, clusters, body: Self.turbo(hostSubnet: "net-1", eniSubnet: "subnet-1"), signedAt: now)
            #expect(right.status == 201)
        }
    }
}
