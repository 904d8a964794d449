import Foundation
import Testing

@testable import TenancyCore

@Suite struct SpecLoadingTests {
    @Test func exampleTenantsAreValid() throws {
        let folder = Fixtures.repository.appendingPathComponent("Tenants")
        let workspace = WorkspaceLoader.load(try Fixtures.yamlFiles(in: folder).map(Fixtures.source))
        #expect(
            workspace.diagnostics.filter { $0.severity == .error }.isEmpty,
            "\(workspace.diagnostics.map(\.description))")
        #expect(workspace.tenants.count >= 5)
        #expect(
            workspace.inventory?.clusters.map(\.name) == [
                "shared-prod", "turbo-secure", "vpc-batch", "legacy-analytics",
            ])
    }

    @Test func readsEveryFieldOfASpec() throws {
        let acme = try Fixtures.source(Fixtures.repository.appendingPathComponent("Tenants/acme.yaml"))
        let workspace = WorkspaceLoader.load([acme, try Fixtures.inventory])
        let spec = try #require(workspace.tenants.first?.spec)
        #expect(spec.name == "acme")
        #expect(spec.trust == .partner)
        #expect(spec.compliance == ["pci-dss"])
        #expect(spec.owners == [.group("acme-admins")])
        #expect(spec.viewers == [.group("acme-auditors")])
        #expect(spec.namespaces == ["acme-web", "acme-data"])
        #expect(spec.quota.cpu == (try Quantity("16")))
        #expect(spec.quota.memory.value == Decimal(64) * 1_073_741_824)
        #expect(spec.quota.persistentVolumeClaims == 30)
        #expect(spec.limits?.container?.max?.cpu == (try Quantity("4")))
        #expect(spec.limits?.persistentVolumeClaim?.max == (try Quantity("100Gi")))
        #expect(spec.network == TenantSpec.Network(isolation: .strict, allowFrom: ["monitoring"]))
        #expect(
            spec.nodePool == TenantSpec.NodePool(flavor: "c7.2xlarge.2", nodes: 3, autoscaling: .init(min: 3, max: 10)))
        #expect(spec.budget == TenantSpec.Budget(monthly: 5000, currency: "USD"))
        #expect(spec.apiAccess == false && spec.hostNetwork == false && spec.runtime == .standard)
        #expect(
            spec.admission
                == TenantSpec.Admission(
                    registries: ["swr.ap-southeast-1.myhuaweicloud.com", "registry.acme.example:5000"],
                    storageClasses: ["csi-disk"], ingressClasses: ["nginx"], tolerations: .own,
                    serviceTypes: [.clusterIP]))
    }

    @Test func defaultsAreCautious() throws {
        let text = """
            apiVersion: tenantctl.io/v1
            kind: Tenant
            metadata: {name: minimal}
            spec:
              trust: internal
              cluster: shared-prod
              owners: [{user: alice}]
              namespaces: [minimal]
              quota: {cpu: 1, memory: 1Gi, storage: 1Gi, pods: 1, services: 1, deployments: 1, statefulsets: 1, persistentVolumeClaims: 1}
            """
        let workspace = WorkspaceLoader.load([Fixtures.inline(text), try Fixtures.inventory])
        let spec = try #require(workspace.tenants.first?.spec)
        #expect(spec.isolation == .auto)
        #expect(spec.network.isolation == .strict)
        #expect(spec.runtime == .standard)
        #expect(!spec.apiAccess && !spec.hostNetwork)
        #expect(spec.admission == TenantSpec.Admission(), "every admission rule is off unless asked for")
    }

    @Test func serviceTypesWithoutClusterIPAreAWarningAtTheList() throws {
        let text = """
            apiVersion: tenantctl.io/v1
            kind: Tenant
            metadata: {name: edge}
            spec:
              trust: internal
              cluster: shared-prod
              owners: [{user: alice}]
              namespaces: [edge]
              quota: {cpu: 1, memory: 1Gi, storage: 1Gi, pods: 1, services: 1, deployments: 1, statefulsets: 1, persistentVolumeClaims: 1}
              admission: {serviceTypes: [LoadBalancer]}
            """
        let workspace = WorkspaceLoader.load([Fixtures.inline(text), try Fixtures.inventory])
        #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics.map(\.description))")
        let warning = try #require(workspace.diagnostics.first { $0.severity == .warning })
        #expect(
            warning.description
                == "inline.yaml:10:29: warning: spec.admission.serviceTypes: ClusterIP is not listed: every ordinary Service of the tenant, headless ones too, will be refused"
        )
        #expect(workspace.tenants.first?.spec.admission.serviceTypes == [.loadBalancer])
    }

    @Test func budgetCurrencyMustMatchTheCatalog() throws {
        let acme = try Fixtures.source(Fixtures.repository.appendingPathComponent("Tenants/acme.yaml"))
        let workspace = WorkspaceLoader.load(
            [acme, try Fixtures.inventory], options: LoadOptions(catalogCurrency: "EUR"))
        let error = try #require(workspace.diagnostics.first { $0.path == "spec.budget.currency" })
        #expect(error.message.contains("the price catalog is in EUR"))
        #expect(error.line == 27 && error.column == 37)
    }

    @Test func aSpecWithoutAnInventoryNamesTheProblem() throws {
        let acme = try Fixtures.source(Fixtures.repository.appendingPathComponent("Tenants/acme.yaml"))
        let workspace = WorkspaceLoader.load([acme])
        #expect(
            workspace.diagnostics.contains { $0.path == "spec.cluster" && $0.message.contains("no cluster inventory") })
    }

    @Test func aTenantOnAClusterWhoseEntryHasErrorsPointsThereNotAtAMissingCluster() throws {
        let acme = try Fixtures.source(Fixtures.repository.appendingPathComponent("Tenants/acme.yaml"))
        let text = String(decoding: try Fixtures.inventory.bytes, as: UTF8.self)
        let broken = Fixtures.inline(
            text.replacingOccurrences(of: "version: v1.31", with: "version: banana"), path: "clusters.yaml")
        let workspace = WorkspaceLoader.load([acme, broken])
        let messages = workspace.diagnostics.map(\.message)
        #expect(messages.contains("\"banana\" is not a Kubernetes version such as v1.30"), "\(messages)")
        #expect(
            messages.contains(
                "cluster \"shared-prod\" cannot be used until its inventory entry is fixed (its errors are reported there)"
            ))
        #expect(!messages.contains { $0.contains("is not in the inventory") }, "\(messages)")
    }

    @Test func versionsParseAsCCEWritesThem() {
        #expect(KubernetesVersion("v1.30") == KubernetesVersion(major: 1, minor: 30))
        #expect(KubernetesVersion("v1.19.10-r0") == KubernetesVersion(major: 1, minor: 19))
        #expect(KubernetesVersion("1.30") == nil)
        #expect(KubernetesVersion("v1") == nil)
        #expect(KubernetesVersion("v1.x") == nil)
    }

    @Test func suggestionsCatchTypos() {
        #expect(Suggestion.closest(to: "namespces", in: TenantSpec.specKeys) == "namespaces")
        #expect(Suggestion.closest(to: "qouta", in: TenantSpec.specKeys) == "quota")
        #expect(Suggestion.closest(to: "zzzzzz", in: TenantSpec.specKeys) == nil)
    }
}
