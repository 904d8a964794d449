import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl decide`, driven through the real binary: where the examples land, the three formats, and the
/// exit codes (0 all placed, 1 any not placed or invalid inputs, 2 usage errors).
@Suite struct DecideCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: Self.repository) }

    /// A spec written to a temporary folder, decided against the example inventory.
    func decide(spec: String, _ extra: [String] = []) throws -> CommandRunner.Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tenant.yaml")
        try Data(spec.utf8).write(to: file)
        return try cli.run(["decide", "--inventory", "Tenants/clusters.yaml", file.path] + extra)
    }

    static func spec(_ lines: String) -> String {
        """
        apiVersion: tenantctl.io/v1
        kind: Tenant
        metadata: {name: probe}
        spec:
          owners: [{group: probe-admins}]
          namespaces: [probe]
          quota: {cpu: "4", memory: 8Gi, storage: 10Gi, pods: 20, services: 2, deployments: 2, statefulsets: 1, persistentVolumeClaims: 2}
        \(lines)
        """
    }

    @Test func placesEveryExampleTenant() throws {
        let result = try cli.run(["decide", "Tenants/"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout.contains("finbank — placed: physical own CCE cluster in ap-southeast-1 (v1.33, cce.s2.small)")
        )
        #expect(
            result.stdout.contains(
                "crowdlabs — placed: logical on turbo-secure; dedicated pool of 1 × c6.22xlarge.2.physical"))
        #expect(result.stdout.hasSuffix("5 tenant(s): 5 placed (4 logical, 1 physical), 0 cannot be placed\n"))
    }

    @Test func jsonHasTheDocumentedKeys() throws {
        let result = try cli.run(["decide", "-o", "json", "Tenants/"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue.parse(result.stdout)
        #expect(json["placeable"] == true)
        #expect(json["catalog"]?["hoursPerMonth"] == "730")
        let tenants = try #require(json["tenants"]?.arrayValue)
        let crowdlabs = try #require(tenants.first { $0["tenant"] == "crowdlabs" })
        #expect(crowdlabs["isolation"] == "logical")
        #expect(crowdlabs["layout"]?["runtime"] == "secure")
        #expect(crowdlabs["layout"]?["network"] == "security-group")
        #expect(crowdlabs["layout"]?["pool"]?["flavor"] == "c6.22xlarge.2.physical")
        #expect(crowdlabs["budget"]?["verdict"] == "within")
        let items = try #require(crowdlabs["cost"]?["logical"]?["items"]?.arrayValue)
        #expect(items.contains { $0["kind"] == "secure-runtime-overhead" })
        #expect(crowdlabs["cost"]?["logical"]?["monthly"]?.stringValue?.split(separator: ".").last?.count == 2)
        let reason = try #require(crowdlabs["reasons"]?.arrayValue?.first)
        for key in ["kind", "topic", "guidance", "fields", "text"] { #expect(reason[key] != nil, "\(key)") }
        let finbank = try #require(tenants.first { $0["tenant"] == "finbank" })
        #expect(finbank["layout"]?["newCluster"]?["version"] == "v1.33")
    }

    @Test func markdownIsATableForAReview() throws {
        let result = try cli.run(["decide", "-o", "markdown", "Tenants/acme.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("## acme: logical isolation (placed)"))
        #expect(result.stdout.contains("| choice | decision | why |"))
        #expect(result.stdout.contains("| **total** | **1.0970** | **800.78** |"))
    }

    @Test func anUnsupportedClusterExitsOneWithTheClusterLine() throws {
        let result = try decide(spec: Self.spec("  trust: internal\n  cluster: legacy-analytics"))
        #expect(result.status == 1)
        #expect(result.stdout.contains("probe — CANNOT BE PLACED"))
        let inventory = try String(
            contentsOf: Self.repository.appendingPathComponent("Tenants/clusters.yaml"), encoding: .utf8)
        let line = try #require(inventory.components(separatedBy: "\n").firstIndex(of: "    version: v1.23")) + 1
        #expect(
            result.stdout.contains(
                "Tenants/clusters.yaml:\(line):14: error: clusters[legacy-analytics].version: legacy-analytics runs v1.23"
            ))
    }

    @Test func aWeakerIsolationNeedsAllowWeaker() throws {
        let spec = Self.spec("  trust: untrusted\n  isolation: logical\n  cluster: shared-prod")
        let refused = try decide(spec: spec)
        #expect(refused.status == 1)
        #expect(
            refused.stdout.contains(
                "error: spec.isolation: spec.isolation is logical, weaker than the physical isolation required"))
        let accepted = try decide(spec: spec, ["--allow-weaker"])
        #expect(accepted.status == 0, "\(accepted.stdout)")
        #expect(accepted.stdout.contains("warning: spec.isolation: WEAKER THAN REQUIRED"))
    }

    @Test func theUtilisationCanBeOverridden() throws {
        let result = try cli.run(["decide", "--utilization", "50%", "Tenants/platform-tools.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("shared nodes 50% utilised"))
        #expect(result.stdout.contains("quota memory 32Gi of 320Gi = 10%, ÷ 50% utilisation"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try cli.run(["decide", "--utilization", "1.5"]).status == 2)
        #expect(try cli.run(["decide", "--utilization", "lots"]).status == 2)
        let missing = try cli.run(["decide", "--catalog", "no/such/catalog.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file: no/such/catalog.yaml"))
    }

    @Test func anInvalidCatalogStopsTheDecision() throws {
        let result = try cli.run(["decide", "--catalog", "Tests/TenancyCoreTests/Fixtures/catalog/broken.yaml"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("Tests/TenancyCoreTests/Fixtures/catalog/broken.yaml:5:13: error: spec.currency"))
    }
}
