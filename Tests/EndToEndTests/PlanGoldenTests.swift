import Foundation
import TestSupport
import Testing

/// `tenantctl plan --offline` for every example tenant, pinned in three formats: the text a reviewer reads, the
/// JSON scripts parse, and the Markdown for pull requests. Set `TENANTCTL_UPDATE_GOLDEN=1` to rewrite the files
/// after an intended change, then review their diff.
@Suite struct PlanGoldenTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = repository.appendingPathComponent("Tests/EndToEndTests/Golden/plan")
    static let tenants = ["acme", "batchco", "crowdlabs", "finbank", "platform-tools"]
    static let formats = [("text", "txt"), ("json", "json"), ("markdown", "md")]

    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: Self.repository) }

    @Test(arguments: tenants)
    func offlinePlanMatchesGoldenFiles(tenant: String) throws {
        for (format, suffix) in Self.formats {
            let result = try cli.run(["plan", "Tenants/\(tenant).yaml", "--offline", "--no-color", "-o", format])
            #expect(result.status == 0, "\(result.stderr)")
            let file = Self.golden.appendingPathComponent("\(tenant).\(suffix)")
            if ProcessInfo.processInfo.environment["TENANTCTL_UPDATE_GOLDEN"] == "1" {
                try Data(result.stdout.utf8).write(to: file)
                continue
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(
                result.stdout == expected,
                "plan -o \(format) for \(tenant) differs from \(file.lastPathComponent); rerun with TENANTCTL_UPDATE_GOLDEN=1 and review the diff"
            )
        }
    }

    @Test func everyExampleTenantHasGoldenFiles() throws {
        let specs = try FileManager.default.contentsOfDirectory(
            atPath: Self.repository.appendingPathComponent("Tenants").path
        )
        .filter { $0.hasSuffix(".yaml") && $0 != "clusters.yaml" }.map { String($0.dropLast(5)) }.sorted()
        #expect(specs == Self.tenants)
    }

    @Test func detailedExitCodeIsTwoWhenThereAreChanges() throws {
        let result = try cli.run(["plan", "Tenants/acme.yaml", "--offline", "--detailed-exitcode"])
        #expect(result.status == 2, "\(result.stderr)")
        // Two pools (system, acme's), per namespace (2) a namespace, ServiceAccount, quota, limits, four
        // NetworkPolicies (deny, own, listed, DNS) and two RoleBindings, then the pod policy and its binding, and
        // a policy and a binding each for the claims, ingresses and Services its spec.admission restricts.
        #expect(result.stdout.contains("Plan: 30 to add, 0 to change, 0 to destroy."))
    }
}
