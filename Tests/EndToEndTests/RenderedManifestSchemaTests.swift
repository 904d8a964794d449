import Foundation
import TestSupport
import Testing

/// Every manifest `tenantctl render` prints for the example tenants validates, in strict mode, against the
/// official Kubernetes schemas (PyPI kubernetes-validate) of the version its cluster runs; the only documents
/// without a schema there are CCE's own custom resources, which must be reported as skipped, not as valid.
@Suite struct RenderedManifestSchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Each example tenant and the Kubernetes version of the cluster it lands on.
    static let tenants = [
        ("acme", "v1.31"), ("batchco", "v1.29"), ("crowdlabs", "v1.31"), ("finbank", "v1.33"),
        ("platform-tools", "v1.31"),
    ]

    @Test(arguments: tenants)
    func renderedManifestsValidate(tenant: String, version: String) async throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let rendered = try await onOwnThread { try cli.run(["render", "Tenants/\(tenant).yaml"]) }
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let validator = try await KubernetesSchemaValidator(maximumVersion: version)
        #expect("v\(validator.kubernetesVersion)" == version, "kubernetes-validate has no schemas for \(version)")
        let results = try await validator.validate(yaml: rendered.stdout)
        #expect(results.count == rendered.stdout.components(separatedBy: "\n---").count)
        for result in results {
            switch result.outcome {
            case .valid: continue
            case .invalid(let message): Issue.record("\(tenant): \(result.kind) \(result.name): \(message)")
            case .skipped:
                #expect(result.kind == "SecurityGroup", "\(tenant): \(result.kind) \(result.name) has no schema")
            }
        }
        #expect(results.contains { $0.kind == "Namespace" } && results.contains { $0.kind == "ResourceQuota" })
    }
}
