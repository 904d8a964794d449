import Foundation
import JSON
import TestSupport
import Testing

/// `plan --offline` and `render` over a fleet print each tenant as it is planned: the streamed output is exactly
/// what each tenant's own output put together gives (one JSON document with every plan and the totals, text and
/// Markdown sections in turn, manifests in turn), and a tenant that cannot be planned is reported while the
/// others still print. (Speed is measured by `scripts/bench-offline`, not here.)
@Suite struct FleetOutputTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: Self.repository) }

    /// A folder with the example inventory, acme, and `count` one-namespace tenants on shared-prod.
    static func fleet(_ count: Int) throws -> (folder: TemporaryDirectory, specs: [String]) {
        let folder = try TemporaryDirectory(prefix: "fleet")
        try folder.write(
            "clusters.yaml",
            String(contentsOf: repository.appendingPathComponent("Tenants/clusters.yaml"), encoding: .utf8))
        var specs = [
            try folder.write(
                "acme.yaml", String(contentsOf: repository.appendingPathComponent("Tenants/acme.yaml"), encoding: .utf8)
            )
        ]
        for index in 1...count { specs.append(try folder.write("t\(index).yaml", spec("t\(index)"))) }
        return (folder, specs.sorted())
    }

    static func spec(_ name: String, cluster: String = "shared-prod") -> String {
        """
        apiVersion: tenantctl.io/v1
        kind: Tenant
        metadata: {name: \(name)}
        spec:
          trust: internal
          isolation: logical
          cluster: \(cluster)
          owners: [{group: \(name)-admins}]
          namespaces: [\(name)-app]
          quota: {cpu: "8", memory: 32Gi, storage: 200Gi, pods: 100, services: 10, deployments: 30, statefulsets: 5, persistentVolumeClaims: 20}
          budget: {monthly: 100000, currency: USD}
        """
    }

    func run(_ arguments: [String]) throws -> CommandRunner.Result {
        let result = try cli.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    @Test func aFleetsJSONPlanIsEveryTenantsPlanInOneReport() throws {
        let (folder, specs) = try Self.fleet(12)
        defer { folder.remove() }
        let fleet = try run(["plan", "--offline", "-o", "json", folder.path])
        let singles = try specs.map {
            try JSONValue.parse(
                try run(["plan", "--offline", "-o", "json", "--inventory", folder.path + "/clusters.yaml", $0]).stdout)
        }
        var summary: [String: JSONValue] = [:]
        for report in singles {
            for (action, count) in report["summary"]?.objectValue ?? [:] {
                summary[action] = .int((summary[action]?.intValue ?? 0) + (count.intValue ?? 0))
            }
        }
        let expected: JSONValue = [
            "apiVersion": "tenantctl.io/v1", "kind": "PlanReport",
            "plans": .array(singles.flatMap { $0["plans"]?.arrayValue ?? [] }), "summary": .object(summary),
        ]
        #expect(fleet.stdout == expected.jsonString(pretty: true) + "\n")
        #expect(singles.count == 13)
    }

    @Test(arguments: ["text", "markdown"])
    func aFleetsPlanIsEveryTenantsPlanInTurn(format: String) throws {
        let (folder, specs) = try Self.fleet(5)
        defer { folder.remove() }
        let fleet = try run(["plan", "--offline", "--no-color", "-o", format, folder.path])
        let singles = try specs.map {
            try run([
                "plan", "--offline", "--no-color", "-o", format, "--inventory", folder.path + "/clusters.yaml", $0,
            ]).stdout
        }
        #expect(fleet.stdout == singles.joined(separator: "\n"))
    }

    @Test func noTenantsIsSaidOnce() throws {
        let folder = try TemporaryDirectory(prefix: "fleet")
        defer { folder.remove() }
        try folder.write(
            "clusters.yaml",
            String(contentsOf: Self.repository.appendingPathComponent("Tenants/clusters.yaml"), encoding: .utf8))
        #expect(try run(["plan", "--offline", folder.path]).stdout == "No tenants to plan.\n")
        let json = try JSONValue.parse(try run(["plan", "--offline", "-o", "json", folder.path]).stdout)
        #expect(json["plans"] == [] && json["summary"]?["create"] == 0)
    }

    @Test func theSavedPlanIsTheReportWithItsInputsWrittenWhole() throws {
        let (folder, specs) = try Self.fleet(3)
        defer { folder.remove() }
        let saved = folder.url.appendingPathComponent("fleet.plan.json")
        let printed = try JSONValue.parse(
            try run(["plan", "--offline", "-o", "json", "--out", saved.path, folder.path]).stdout)
        let file = try JSONValue.parse(try Data(contentsOf: saved))
        #expect(file["kind"] == "SavedPlan")
        #expect(file["plans"] == printed["plans"] && file["summary"] == printed["summary"])
        let digested = file["digests"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
        let playbook = Self.repository.appendingPathComponent("Playbooks/onboarding.yaml").path
        #expect(Set(specs).isSubset(of: digested) && digested.contains(playbook), "\(digested)")
        #expect(file["inputs"]?["specs"] == [.string(folder.path)] && file["inputs"]?["playbook"] == .string(playbook))
        #expect(try FileManager.default.attributesOfItem(atPath: saved.path)[.posixPermissions] as? Int == 0o600)
        #expect(!FileManager.default.fileExists(atPath: saved.path + ".partial"))
    }

    @Test func aTenantThatCannotBePlannedIsReportedAndTheOthersStillPrint() throws {
        let (folder, _) = try Self.fleet(3)
        defer { folder.remove() }
        // A CCE cluster without the availability zone and key pair its node pools need: planning fails there.
        let inventory = try String(contentsOf: folder.url.appendingPathComponent("clusters.yaml"), encoding: .utf8)
        try folder.write(
            "clusters.yaml",
            inventory + """

                  - name: no-zone
                    kubeconfig: {context: no-zone}
                    cce: {region: ap-southeast-1, projectID: 0a1b2c3d4e5f60718293a4b5c6d7e8f9, clusterID: 1f2e3d4c-5b6f-11ef-9a3c-0255ac100099}
                    version: v1.31
                    category: CCE
                    networkMode: tunnel
                    containerCIDR: 10.16.0.0/16
                    apiServerAddress: 192.168.64.10
                    flavor: cce.s2.medium
                    sharedNodes: {flavor: c7.2xlarge.2, count: 20}
                """)
        try folder.write("t2.yaml", Self.spec("t2", cluster: "no-zone"))
        let saved = folder.url.appendingPathComponent("fleet.plan.json")
        let result = try cli.run(["plan", "--offline", "-o", "json", "--out", saved.path, folder.path])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("error: t2: node pools on no-zone need an availability zone"), "\(result.stderr)")
        let report = try JSONValue.parse(result.stdout)
        #expect(report["plans"]?.arrayValue?.compactMap { $0["tenant"]?.stringValue } == ["acme", "t1", "t3"])
        #expect(!FileManager.default.fileExists(atPath: saved.path))
        #expect(!FileManager.default.fileExists(atPath: saved.path + ".partial"))
    }

    @Test func aFleetsManifestsAreEveryTenantsManifestsInTurn() throws {
        let (folder, specs) = try Self.fleet(5)
        defer { folder.remove() }
        let inventory = ["--inventory", folder.path + "/clusters.yaml"]
        let yaml = try run(["render", folder.path]).stdout
        #expect(yaml == (try specs.map { try run(["render"] + inventory + [$0]).stdout }.joined(separator: "---\n")))
        let json = try JSONValue.parse(try run(["render", "-o", "json", folder.path]).stdout)
        let items = try specs.flatMap {
            try JSONValue.parse(try run(["render", "-o", "json"] + inventory + [$0]).stdout)["items"]?.arrayValue ?? []
        }
        #expect(json == ["apiVersion": "v1", "kind": "List", "items": .array(items)])
    }

    @Test func aFileNamedTwiceIsReadOnce() throws {
        let (folder, specs) = try Self.fleet(2)
        defer { folder.remove() }
        let link = folder.url.appendingPathComponent("link.yml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: specs[1])
        let dotted = folder.path + "/./" + URL(fileURLWithPath: specs[2]).lastPathComponent
        let result = try run(["validate", folder.path, specs[1], dotted, link])
        #expect(result.stdout == "5 file(s) valid: 3 tenant(s), 4 cluster(s)\n")  // 3 specs, the inventory, the catalog
    }
}
