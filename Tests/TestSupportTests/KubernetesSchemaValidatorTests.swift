import Foundation
import TestSupport
import Testing

/// `KubernetesSchemaValidator` runs kubernetes-validate in strict mode and reports each document.
@Suite struct KubernetesSchemaValidatorTests {
    let validator: KubernetesSchemaValidator

    init() async throws { validator = try await KubernetesSchemaValidator() }

    @Test func picksTheNewestShippedVersionUpTo133() async throws {
        let parts = validator.kubernetesVersion.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count == 2)
        #expect(parts[0] == 1 && parts[1] <= 33 && parts[1] >= 25, "\(validator.kubernetesVersion)")
        let older = try await KubernetesSchemaValidator(maximumVersion: "v1.30")
        #expect(older.kubernetesVersion == "1.30")
    }

    @Test func aNamespaceAndItsQuotaAreValid() async throws {
        let results = try await validator.validate(
            yaml: """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: acme-web
                  labels: {app.kubernetes.io/managed-by: tenantctl, tenantctl.io/tenant: acme}
                ---
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: tenant-quota, namespace: acme-web}
                spec:
                  hard: {requests.cpu: "16", requests.memory: 64Gi, pods: "200", count/deployments.apps: "50"}
                """)
        #expect(results.map(\.kind) == ["Namespace", "ResourceQuota"])
        #expect(results.map(\.name) == ["acme-web", "tenant-quota"])
        #expect(results.allSatisfy { $0.outcome == .valid }, "\(results)")
    }

    @Test func anUnknownFieldIsAnErrorNamingTheFieldAndTheDocument() async throws {
        let results = try await validator.validate(
            yaml: """
                apiVersion: v1
                kind: LimitRange
                metadata: {name: tenant-limits, namespace: acme-web}
                spec:
                  limits: [{type: Container, default: {cpu: 500m}}]
                  maxLimitRequestRatio: {cpu: "2"}
                """)
        let result = try #require(results.first)
        guard case .invalid(let message) = result.outcome else {
            Issue.record("expected invalid, got \(result)")
            return
        }
        #expect(message.contains("LimitRange/tenant-limits"), "\(message)")
        #expect(message.contains("maxLimitRequestRatio"), "\(message)")
    }

    @Test func aWrongTypeIsAnErrorNamingTheField() async throws {
        let results = try await validator.validate(
            yaml: """
                apiVersion: v1
                kind: Namespace
                metadata: {name: ok}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: default, namespace: acme-web}
                automountServiceAccountToken: "no"
                """)
        #expect(results.first?.outcome == .valid)
        let result = try #require(results.last)
        guard case .invalid(let message) = result.outcome else {
            Issue.record("expected invalid, got \(result)")
            return
        }
        #expect(message.contains("ServiceAccount/default"), "\(message)")
        #expect(message.contains("automountServiceAccountToken"), "\(message)")
        #expect(message.contains("boolean"), "\(message)")
    }

    @Test func aCustomResourceWithoutASchemaIsSkippedNotValid() async throws {
        let results = try await validator.validate(
            yaml: """
                apiVersion: crd.yangtse.cni/v1
                kind: SecurityGroup
                metadata: {name: acme-web, namespace: acme-web}
                spec: {podSelector: {}, securityGroups: [{id: sg-123}]}
                """)
        let result = try #require(results.first)
        #expect(result.kind == "SecurityGroup")
        guard case .skipped(let reason) = result.outcome else {
            Issue.record("expected skipped, got \(result)")
            return
        }
        #expect(reason.contains("SecurityGroup"), "\(reason)")
    }

    @Test func unparseableYAMLIsAFailure() async {
        await #expect(throws: KubernetesSchemaValidator.Failure.self) {
            try await validator.validate(yaml: "kind: [unclosed")
        }
    }
}
