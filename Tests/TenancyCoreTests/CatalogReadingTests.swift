import Foundation
import Testing

@testable import TenancyCore

/// The price catalog is read and checked like specs: file:line:column, field paths, suggestions for
/// typos, every problem reported.
@Suite struct CatalogReadingTests {
    static var shipped: SourceFile {
        get throws { try Fixtures.source(Fixtures.repository.appendingPathComponent("Playbooks/catalog.yaml")) }
    }

    /// A tenant with the given compliance list (line 6, from column 15) and budget (line 11).
    static func tenant(compliance: String, budget: String) -> String {
        """
        apiVersion: tenantctl.io/v1
        kind: Tenant
        metadata: {name: typo}
        spec:
          trust: partner
          compliance: \(compliance)
          cluster: shared-prod
          owners: [{user: alice}]
          namespaces: [typo]
          quota: {cpu: 1, memory: 1Gi, storage: 1Gi, pods: 1, services: 1, deployments: 1, statefulsets: 1, persistentVolumeClaims: 1}
          budget: \(budget)
        """
    }

    @Test func theShippedCatalogIsValid() throws {
        let workspace = WorkspaceLoader.load([try Self.shipped])
        #expect(workspace.diagnostics.isEmpty, "\(workspace.diagnostics.map(\.description))")
        let catalog = try #require(workspace.catalog)
        #expect(catalog.currency == "USD" && catalog.region == "ap-southeast-1")
        #expect(
            catalog.kubernetes
                == .init(
                    minimumSupported: KubernetesVersion(major: 1, minor: 28),
                    latest: KubernetesVersion(major: 1, minor: 33)))
        // The reference's management fees (USD/h, ap-southeast-1).
        #expect(catalog.clusterFlavors["cce.s2.medium"]?.hourly == Decimal(string: "1.05"))
        #expect(
            catalog.clusterFlavors["cce.s1.small"]
                == .init(hourly: Decimal(string: "0.18") ?? 0, masters: 1, maxNodes: 50))
        #expect(catalog.clusterFlavors["cce.s2.xlarge"]?.masters == 3)
        // Worker prices ship as unconfirmed defaults; VM and bare-metal flavors are told apart.
        #expect(catalog.nodeFlavors.values.allSatisfy { !$0.confirmed })
        #expect(catalog.nodeFlavors["c6.22xlarge.2.physical"]?.kind == .physical)
        #expect(catalog.nodeFlavors["c7.2xlarge.2"]?.memory == (try Quantity("16Gi")))
        // Kata on CCE Turbo: 0.1 core and 100 MiB per pod.
        #expect(
            catalog.secureRuntime.podOverhead
                == TenantSpec.Resources(cpu: try Quantity("100m"), memory: try Quantity("100Mi")))
        #expect(catalog.compliance["dedicated-control-plane"]?.requires == [.dedicatedControlPlane])
        #expect(catalog.compliance["pci-dss"]?.requires.contains(.networkIsolation) == true)
        #expect(catalog.defaults.utilization == Decimal(string: "0.8"))
    }

    @Test func everyProblemIsReportedWhereItStands() throws {
        let file = try Fixtures.source(Fixtures.directory.appendingPathComponent("catalog/broken.yaml"))
        let found = WorkspaceLoader.load([file]).diagnostics.map {
            "\($0.line):\($0.column) \($0.path) | \($0.message)"
        }
        let expected = [
            "5:13 spec.currency | \"usd\" is not a currency code",
            "8:49 spec.kubernetes.latest | the latest version (v1.29) is older than the minimum supported one (v1.30)",
            "10:19 spec.clusterFlavors.cce.s2.small.maxNodes | missing required field \"maxNodes\"",
            "10:46 spec.clusterFlavors.cce.s2.small.maxNode | unknown field \"maxNode\" (did you mean \"maxNodes\"?)",
            "13:36 spec.nodeFlavors.c6.22xlarge.2.physical.kind | \"bm\" is not one of vm, physical",
            "15:5 spec.secureRuntime.perGiBHour | missing required field \"perGiBHour\"",
            "17:18 spec.secureRuntime.perCoreHour | expected a non-negative amount",
            "18:5 spec.secureRuntime.perGibHour | unknown field \"perGibHour\" (did you mean \"perGiBHour\"?)",
            "20:18 spec.defaults.utilization | must be above 0 and at most 1",
            "21:20 spec.defaults.clusterFlavor | \"cce.s2.smal\" is not in clusterFlavors (did you mean \"cce.s2.small\"?)",
            "23:23 spec.defaults.secureNodeFlavor | \"c7.2xlarge.2\" is a VM flavor",
            "24:15 spec.defaults.minNodes | must be at least 1, found 0",
            "26:26 spec.compliance.pci-dss.requires[0] | \"network-isolaton\" is not one of dedicated-control-plane, dedicated-nodes, secure-runtime, network-isolation, no-api-access (did you mean \"network-isolation\"?)",
        ]
        #expect(found.count == expected.count, "\(found)")
        for (line, want) in zip(found, expected) {
            let (head, message) = (
                want.split(separator: "|")[0], want.split(separator: "|", maxSplits: 1)[1].dropFirst()
            )
            #expect(line.hasPrefix(head) && line.contains(message), "\(line)\n  expected \(want)")
        }
    }

    @Test func aSecondCatalogIsAnError() throws {
        let workspace = WorkspaceLoader.load([
            try Self.shipped,
            Fixtures.inline(String(decoding: try Self.shipped.bytes, as: UTF8.self), path: "copy.yaml"),
        ])
        #expect(
            workspace.diagnostics.contains { $0.file == "copy.yaml" && $0.message.contains("a second price catalog") })
    }

    @Test func specsAreCheckedAgainstTheCatalog() throws {
        let catalog = try #require(WorkspaceLoader.load([try Self.shipped]).catalog)
        let text = Self.tenant(compliance: "[pci-ds, soc2]", budget: "{monthly: 100, currency: EUR}")
        let workspace = WorkspaceLoader.load(
            [Fixtures.inline(text), try Fixtures.inventory], options: LoadOptions(catalog: catalog))
        let errors = workspace.diagnostics.map { "\($0.line):\($0.column) \($0.path) | \($0.message)" }
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "6:16 spec.compliance[0] | compliance tag \"pci-ds\" is not in the price catalog (did you mean \"pci-dss\"?)"
                )
            }, "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix("11:36 spec.budget.currency | the budget is in EUR but the price catalog is in USD")
            }, "\(errors)")
        #expect(errors.count == 2, "\(errors)")
    }

    @Test func aCatalogAmongTheSpecsIsUsedForTheirChecks() throws {
        let text = Self.tenant(compliance: "[hipa]", budget: "{monthly: 100, currency: USD}")
        let workspace = WorkspaceLoader.load([Fixtures.inline(text), try Fixtures.inventory, try Self.shipped])
        #expect(
            workspace.diagnostics.contains {
                $0.path == "spec.compliance[0]" && $0.message.contains("did you mean \"hipaa\"?")
            })
    }
}
