import Foundation
import JSON
import TestSupport
import Testing

/// The admission fixtures as real admission requests: after `tenantctl apply`, every policy passes the server's
/// type checking without a warning, and each fixture is created in the tenant's namespace with a server-side dry
/// run, and the kube-apiserver admits it or refuses it with its rule's message (naming what it refused, where the rule
/// has a `messageExpression`). Cases a real server changes before
/// the policy sees them (defaults, LimitRange, Pod Security) are left to the CEL tests, each with its reason.
@Suite struct AdmissionPolicyClusterTests {
    @Test(
        .realClusterOnly(
            "the sandbox stores what it is sent without evaluating admission policies' CEL; set TENANTCTL_E2E_KUBECONFIG to run the fixtures against a real kube-apiserver"
        ))
    func aRealServerAdmitsAndRefusesTheFixturesAsTheRulesSay() async throws {
        let cli = try CommandRunner(workingDirectory: E2ETenant.repository)
        try await E2ETenant.with(cli, admission: AdmissionFixtures.admission) { tenant, cluster in
            let applied = try await onOwnThread { try tenant.run(cli, cluster, "apply") }
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            let namespace = tenant.namespaces[0]
            // The server type-checks each policy against the matched kinds' schemas (kube-controller-manager writes
            // status.typeChecking); a warning there means an expression the server could not check.
            let checked = try await Self.typeChecking(of: tenant.name, cluster)
            #expect(checked.count == 4, "\(checked)")
            for (policy, warnings) in checked {
                #expect(warnings.isEmpty, "\(policy): \(warnings.joined(separator: "\n"))")
            }
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
                    if let names = fixture.names { #expect(message.contains(names), "\(fixture): \(message)") }
                }
            }
        }
    }

    /// The tenant's policies and the warnings of their type checking, once the server has checked every one (its
    /// status observes its generation); policies still unchecked after 30 s are listed with that as their warning.
    static func typeChecking(of tenant: String, _ cluster: E2ECluster) async throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for _ in 0..<60 {
            let listed = try await onOwnThread {
                try cluster.kubectl(
                    ["get", "validatingadmissionpolicies", "-l", "tenantctl.io/tenant=\(tenant)", "-o", "json"])
            }
            result = [:]
            var pending = false
            for policy in try JSONValue.parse(listed)["items"]?.arrayValue ?? [] {
                let name = policy.value(at: ["metadata", "name"])?.stringValue ?? "?"
                guard let observed = policy.value(at: ["status", "observedGeneration"])?.intValue,
                    observed == policy.value(at: ["metadata", "generation"])?.intValue
                else {
                    pending = true
                    result[name] = ["not type-checked yet"]
                    continue
                }
                let warnings = policy.value(at: ["status", "typeChecking", "expressionWarnings"])?.arrayValue ?? []
                result[name] = warnings.map {
                    "\($0["fieldRef"]?.stringValue ?? ""): \($0["warning"]?.stringValue ?? "")"
                }
            }
            if !pending && !result.isEmpty { return result }
            try await Task.sleep(for: .milliseconds(500))
        }
        return result
    }

    /// Creates `object` in `namespace` with a server-side dry run: nil when admitted, else kubectl's error.
    static func create(_ object: JSONValue, in namespace: String, _ cluster: E2ECluster) async throws -> String? {
        let file = cluster.workDirectory.appendingPathComponent("fixture-\(UUID().uuidString).json")
        try Data(object.jsonString().utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try await onOwnThread {
                try cluster.kubectl(["create", "--dry-run=server", "-n", namespace, "-f", file.path])
            }
            return nil
        } catch let failure as Tool.Failure {
            return failure.stderr
        }
    }
}
