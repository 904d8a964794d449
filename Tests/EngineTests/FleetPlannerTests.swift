import Engine
import Foundation
import JSON
import KubeAPI
import Sandbox
import TenancyCore
import TestSupport
import Testing

/// Planning against a live server through a kubeconfig: the ValidatingAdmissionPolicy steps follow discovery,
/// and a server without the API gets the "enforcement unavailable" note instead of steps that would fail.
@Suite struct FleetPlannerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func load() throws -> (Playbook, PriceCatalog) {
        let files = ["Playbooks/onboarding.yaml", "Playbooks/catalog.yaml"].map { path in
            let url = repository.appendingPathComponent(path)
            return SourceFile(path: url.path, bytes: Array((try? Data(contentsOf: url)) ?? Data()))
        }
        let workspace = WorkspaceLoader.load(files)
        #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics)")
        return (try #require(workspace.playbooks.first), try #require(workspace.catalog))
    }

    static let cluster = ClusterProfile(
        name: "plain", version: KubernetesVersion(major: 1, minor: 31), networkMode: .tunnel,
        containerCIDR: "10.0.0.0/16", apiServerAddress: "192.168.0.10", flavor: "cce.s2.medium",
        sharedNodes: .init(flavor: "c7.2xlarge.2", count: 4))

    static var spec: TenantSpec {
        get throws {
            TenantSpec(
                name: "probe", trust: .internal, cluster: "plain", owners: [.group("probe-admins")],
                namespaces: ["probe-app"],
                quota: .init(
                    cpu: try Quantity("2"), memory: try Quantity("4Gi"), storage: try Quantity("10Gi"), pods: 10,
                    services: 2, deployments: 2, statefulsets: 1, persistentVolumeClaims: 2))
        }
    }

    func plan(serverVersion: String) async throws -> Plan {
        let (playbook, catalog) = try Self.load()
        let decision = Decider.decide(try Self.spec, on: Self.cluster, catalog: catalog)
        #expect(decision.placeable, "\(decision.reasons)")
        return try await withSandbox(configure: { $0.gitVersion = serverVersion }) { sandbox in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-plan-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let kubeconfig = folder.appendingPathComponent("kubeconfig")
            try SandboxKubeconfig.write(
                url: sandbox.url, token: sandbox.token, certificateAuthority: sandbox.certificateAuthorityPEM,
                to: kubeconfig)
            let connector = ClusterConnector(
                kubeconfigOverride: kubeconfig.path, inventoryDirectory: folder.path, environment: [:])
            return try await FleetPlanner(connector: connector, playbook: playbook)
                .plan(FleetPlanner.Tenant(spec: try Self.spec, decision: decision, cluster: Self.cluster))
        }
    }

    @Test func aServerWithoutThePolicyAPIGetsANoteNotSteps() async throws {
        let plan = try await plan(serverVersion: "v1.27.3")
        #expect(
            plan.facts
                == ClusterFacts(
                    version: KubernetesVersion(major: 1, minor: 27), admissionPolicyAPI: nil, origin: .discovered))
        #expect(!plan.changes.contains { $0.stepID.hasPrefix("pod-policy") })
        #expect(
            plan.notes.contains {
                $0.hasPrefix("Enforcement unavailable: plain serves no ValidatingAdmissionPolicy API")
            })
        #expect(plan.notes.contains { $0.contains("the server reports v1.27") })
        #expect(plan.changes.allSatisfy { $0.action == .create })
    }

    @Test(arguments: [
        ("v1.29.7", "admissionregistration.k8s.io/v1beta1"), ("v1.31.4", "admissionregistration.k8s.io/v1"),
    ])
    func thePolicyAPIVersionFollowsDiscovery(serverVersion: String, api: String) async throws {
        let plan = try await plan(serverVersion: serverVersion)
        let policies = plan.changes.filter { $0.stepID.hasPrefix("pod-policy") }
        #expect(policies.count == 2)
        #expect(policies.allSatisfy { $0.desired?["apiVersion"]?.stringValue == api })
        #expect(!plan.notes.contains { $0.hasPrefix("Enforcement unavailable") })
    }
}
