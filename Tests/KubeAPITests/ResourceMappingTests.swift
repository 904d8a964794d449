import KubeAPI
import Testing

@Suite struct ResourceMappingTests {
    @Test func corePaths() throws {
        let configMap = try #require(BuiltInResources.mapping(apiVersion: "v1", kind: "ConfigMap"))
        #expect(configMap.collectionPath(namespace: "acme-web") == "/api/v1/namespaces/acme-web/configmaps")
        #expect(
            configMap.objectPath(name: "settings", namespace: "acme-web")
                == "/api/v1/namespaces/acme-web/configmaps/settings")
        #expect(configMap.collectionPath(namespace: nil) == "/api/v1/configmaps")
        let namespace = try #require(BuiltInResources.mapping(apiVersion: "v1", kind: "Namespace"))
        #expect(namespace.objectPath(name: "acme", namespace: "ignored") == "/api/v1/namespaces/acme")
    }

    @Test func groupPaths() throws {
        let policy = try #require(BuiltInResources.mapping(apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy"))
        #expect(
            policy.objectPath(name: "default-deny", namespace: "t")
                == "/apis/networking.k8s.io/v1/namespaces/t/networkpolicies/default-deny")
        let binding = try #require(
            BuiltInResources.mapping(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding"))
        #expect(
            binding.objectPath(name: "x", namespace: nil) == "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/x")
        #expect(binding.apiVersion == "rbac.authorization.k8s.io/v1")
    }

    @Test func admissionPoliciesInBothVersions() throws {
        for version in ["v1", "v1beta1"] {
            let policy = try #require(
                BuiltInResources.mapping(
                    apiVersion: "admissionregistration.k8s.io/\(version)", kind: "ValidatingAdmissionPolicy"))
            #expect(
                policy.collectionPath(namespace: nil)
                    == "/apis/admissionregistration.k8s.io/\(version)/validatingadmissionpolicies")
            let binding = try #require(
                BuiltInResources.mapping(
                    apiVersion: "admissionregistration.k8s.io/\(version)", kind: "ValidatingAdmissionPolicyBinding"))
            #expect(!binding.namespaced)
        }
    }

    @Test func everyManagedKindIsInTheTable() {
        let kinds = Set(BuiltInResources.all.map(\.kind))
        let expected: Set = [
            "Namespace", "ServiceAccount", "ResourceQuota", "LimitRange", "NetworkPolicy", "Role", "RoleBinding",
            "ClusterRole", "ClusterRoleBinding", "RuntimeClass", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "Node", "ConfigMap", "Secret", "Lease", "Pod", "Service", "Deployment",
            "StatefulSet", "DaemonSet", "Job", "PersistentVolumeClaim",
        ]
        #expect(kinds == expected)
        #expect(BuiltInResources.all.count == 25)
        #expect(BuiltInResources.mapping(apiVersion: "apps/v1beta1", kind: "Deployment") == nil)
    }

    @Test func scopes() {
        let clusterScoped = Set(BuiltInResources.all.filter { !$0.namespaced }.map(\.kind))
        #expect(
            clusterScoped == [
                "Namespace", "Node", "ClusterRole", "ClusterRoleBinding", "RuntimeClass", "ValidatingAdmissionPolicy",
                "ValidatingAdmissionPolicyBinding",
            ])
    }

    @Test func namesAreEscapedInPaths() {
        let mapping = ResourceMapping(
            group: "example.com", version: "v1", resource: "widgets", kind: "Widget", namespaced: true)
        #expect(
            mapping.objectPath(name: "a b/c", namespace: "n") == "/apis/example.com/v1/namespaces/n/widgets/a%20b%2Fc")
    }
}
