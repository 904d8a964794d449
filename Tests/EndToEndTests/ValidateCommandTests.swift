import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl validate`, driven through the real binary.
@Suite struct ValidateCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: Self.repository) }

    @Test func exampleTenantsAreValid() throws {
        let result = try cli.run(["validate", "Tenants/"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("7 file(s) valid"))  // 5 tenants, clusters.yaml, Playbooks/catalog.yaml
    }

    /// With a kubeconfig, an inventory version the server contradicts is a warning at that version; one that
    /// agrees says nothing.
    @Test func withAKubeconfigTheInventoryVersionIsCheckedAgainstTheServer() throws {
        try E2ECluster.with(cli: cli) { cluster in
            let tenant = try E2ETenant(cce: false)
            defer { tenant.remove() }
            let served = try cluster.serverVersion()
            let text = try String(contentsOfFile: tenant.inventory, encoding: .utf8)
            let wrong = served == "v1.27" ? "v1.28" : "v1.27"
            for version in [served, wrong] {
                try text.replacingOccurrences(of: "version: v1.31", with: "version: \(version)")
                    .write(toFile: tenant.inventory, atomically: true, encoding: .utf8)
                let result = try cli.run([
                    "validate", tenant.spec, "--inventory", tenant.inventory, "--kubeconfig", cluster.kubeconfig,
                ])
                #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
                let warning =
                    "\(tenant.inventory):6:14: warning: clusters[0].version: the inventory says \(wrong), but the server of e2e-cce reports \(served)"
                #expect(result.stdout.contains(warning) == (version == wrong), "\(result.stdout)")
                #expect(result.stdout.contains("warning") == (version == wrong), "\(result.stdout)")
            }
        }
    }

    @Test func defaultPathIsTenants() throws {
        let result = try cli.run(["validate"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func brokenFilePrintsCompilerStyleLinesAndExitsOne() throws {
        let file = "Tests/TenancyCoreTests/Fixtures/broken/multiple-errors.yaml"
        let result = try cli.run(["validate", "--inventory", "Tenants/clusters.yaml", file])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "\(file):11:24: error: spec.network.isolation: \"strikt\" is not one of none, strict (did you mean \"strict\"?)"
            ))
        #expect(lines.filter { $0.hasPrefix("\(file):") }.count == 5)
        #expect(lines.last == "5 error(s) in 1 of 3 file(s)")  // the spec, the inventory, the catalog
    }

    @Test func jsonOutputCarriesTheSameDiagnostics() throws {
        let file = "Tests/TenancyCoreTests/Fixtures/broken/bad-quantity.yaml"
        let result = try cli.run(["validate", "-o", "json", "--inventory", "Tenants/clusters.yaml", file])
        #expect(result.status == 1)
        let json = try JSONValue.parse(result.stdout)
        #expect(json["valid"] == false)
        let first = try #require(json["diagnostics"]?.arrayValue?.first)
        #expect(first["line"] == 12 && first["column"] == 13)
        #expect(first["path"] == "spec.quota.memory")
        #expect(first["severity"] == "error")
    }

    @Test func usageErrorsExitTwo() throws {
        let missing = try cli.run(["validate", "no/such/folder"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or folder: no/such/folder"))
        let badFormat = try cli.run(["validate", "-o", "xml"])
        #expect(badFormat.status == 2)
    }
}
