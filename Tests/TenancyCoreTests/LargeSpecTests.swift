import Foundation
import Testing

@testable import TenancyCore

/// Namespace checks at fleet scale: in one spec listing twenty thousand namespaces, and across two thousand
/// specs, every repeat is still reported at the file, line and column where it stands. (Speed is measured by
/// `scripts/bench-offline`, not here.)
@Suite struct LargeSpecTests {
    /// A tenant spec with one namespace per line: the first on line 10, each name at column 7; its quota leaves
    /// something of every resource to each of up to twenty thousand namespaces.
    static func spec(_ name: String, namespaces: [String]) -> String {
        """
        apiVersion: tenantctl.io/v1
        kind: Tenant
        metadata:
          name: \(name)
        spec:
          trust: internal
          cluster: shared-prod
          owners: [{user: alice}]
          namespaces:
        \(namespaces.map { "    - \($0)\n" }.joined())  quota: {cpu: 20, memory: 20Gi, storage: 20Gi, pods: 20000, services: 20000, deployments: 20000, statefulsets: 20000, persistentVolumeClaims: 20000}
        """
    }

    @Test func repeatsInALargeSpecAreReportedWhereTheyStand() throws {
        var namespaces = (0..<20_000).map { "ns-\($0)" }
        namespaces[5_000] = "ns-17"
        namespaces[12_345] = "ns-4"
        namespaces[19_999] = "ns-17"
        let workspace = WorkspaceLoader.load([
            Fixtures.inline(Self.spec("big", namespaces: namespaces), path: "big.yaml"), try Fixtures.inventory,
        ])
        #expect(workspace.tenants.first?.spec.namespaces.count == 20_000)
        #expect(
            workspace.diagnostics.map(\.description) == [
                "big.yaml:5010:7: error: spec.namespaces[5000]: namespace \"ns-17\" is listed twice",
                "big.yaml:12355:7: error: spec.namespaces[12345]: namespace \"ns-4\" is listed twice",
                "big.yaml:20009:7: error: spec.namespaces[19999]: namespace \"ns-17\" is listed twice",
            ])
    }

    @Test func aNamespaceClaimedByAnotherOfManySpecsIsReportedInTheLaterSpec() throws {
        var sources = (0..<2_000).map { index in
            Fixtures.inline(Self.spec("t-\(index)", namespaces: ["t-\(index)-app"]), path: "t-\(index).yaml")
        }
        sources[1_999] = Fixtures.inline(
            Self.spec("t-1999", namespaces: ["t-1999-app", "t-10-app"]), path: "t-1999.yaml")
        let workspace = WorkspaceLoader.load(sources + [try Fixtures.inventory])
        #expect(workspace.tenants.count == 2_000)
        #expect(
            workspace.diagnostics.map(\.description) == [
                "t-1999.yaml:11:7: error: spec.namespaces[1]: namespace \"t-10-app\" is already claimed by tenant \"t-10\" (t-10.yaml); a namespace belongs to one tenant"
            ])
    }
}
