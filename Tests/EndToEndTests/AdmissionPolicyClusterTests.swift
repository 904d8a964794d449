import Foundation
import JSON
import TestSupport
import Testing

/// The admission fixtures as real admission requests: after `tenantctl apply`, each is created in the tenant's
/// namespace with a server-side dry run, and the kube-apiserver admits it or refuses it with its rule's message.
/// Cases a real server changes before the policy sees them (defaults, LimitRange, Pod Security) are left to the
/// CEL tests, each with its reason.
@Suite struct AdmissionPolicyClusterTests {
    @Test(.realClusterOnly("the sandbox stores what it is sent without evaluating admission policies' CEL; set TENANTCTL_E2E_KUBECONFIG to run the fixtures against a real kube-apiserver"))
    func aRealServerAdmitsAndRefusesTheFixturesAsTheRulesSay() async throws {
        let cli = try CommandRunner(workingDirectory: E2ETenant.repository)
        try await E2ETenant.with(cli, admission: AdmissionFixtures.admission) { tenant, cluster in
            let applied = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            let namespace = tenant.namespaces[0]
            let cases = AdmissionFixtures.cases(tenant: tenant.name).filter { $0.notOnACluster == nil }
            // A new policy takes effect once the server's informers have it: wait until one refuses.
            let probe = try #require(cases.first { !$0.refusedBy.isEmpty })
            for _ in 0..<60 {
                if try await Self.create(probe.object, in: namespace, cluster) != nil { break }
                try await Task.sleep(for: .milliseconds(500))
            }
            for fixture in cases {
                let refusal = try await Self.create(fixture.object, in: namespace, cluster)
                if fixture.refusedBy.isEmpty {
                    #expect(refusal == nil, "\(fixture): \(refusal ?? "")")
                } else {
                    let message = refusal ?? ""
                    #expect(message.contains("ValidatingAdmissionPolicy"), "\(fixture): \(message)")
                    #expect(fixture.refusedBy.contains { message.contains($0.rawValue) }, "\(fixture): \(message)")
                }
            }
        }
    }

    /// Creates `object` in `namespace` with a server-side dry run: nil when admitted, else kubectl's error.
    static func create(_ object: JSONValue, in namespace: String, _ cluster: E2ECluster) async throws -> String? {
        let file = cluster.workDirectory.appendingPathComponent("fixture-\(UUID().uuidString).json")
        try Data(object.jsonString().utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try await onOwnThread { try cluster.kubectl(["create", "--dry-run=server", "-n", namespace, "-f", file.path]) }
            return nil
        } catch let failure as Tool.Failure {
            return failure.stderr
        }
    }
}
