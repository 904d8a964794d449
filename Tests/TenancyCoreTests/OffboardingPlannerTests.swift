import Foundation
import JSON
import Testing

@testable import TenancyCore

/// The repository's offboarding playbook over hand-built footprints: the safe order, only the tenant's objects,
/// irreversible steps with what they hold, and nothing to do once the tenant is gone.
@Suite struct OffboardingPlannerTests {
    static let facts = ClusterFacts.assumed(version: KubernetesVersion(major: 1, minor: 31))

    static func playbook() throws -> Playbook {
        let url = Fixtures.repository.appendingPathComponent("Playbooks/offboarding.yaml")
        let workspace = WorkspaceLoader.load([try Fixtures.source(url)])
        #expect(workspace.diagnostics.isEmpty, "\(workspace.diagnostics.map(\.description))")
        return try #require(workspace.playbooks.first)
    }

    static func labels(_ tenant: String?) -> JSONValue {
        var labels: JSONValue = ["app.kubernetes.io/managed-by": "tenantctl"]
        if let tenant { labels["tenantctl.io/tenant"] = .string(tenant) }
        return labels
    }

    static func object(
        _ apiVersion: String, _ kind: String, _ name: String, namespace: String? = nil, tenant: String? = "acme"
    )
        -> JSONValue
    {
        var metadata: JSONValue = ["name": .string(name), "labels": labels(tenant), "resourceVersion": "7"]
        if let namespace { metadata["namespace"] = .string(namespace) }
        return ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": metadata]
    }

    static func footprint(own: Bool = false) -> TenantFootprint {
        let vap = "admissionregistration.k8s.io/v1"
        var footprint = TenantFootprint(
            tenant: "acme", cluster: own ? "acme" : "shared-prod",
            objects: [
                object(vap, "ValidatingAdmissionPolicy", "tenantctl-acme-pods"),
                object("v1", "Namespace", "acme-web"), object("v1", "Namespace", "acme-data"),
                object("rbac.authorization.k8s.io/v1", "RoleBinding", "tenant-admins", namespace: "acme-web"),
                object(vap, "ValidatingAdmissionPolicyBinding", "tenantctl-acme-pods"),
            ],
            runtimeClasses: [object("node.k8s.io/v1", "RuntimeClass", "kata", tenant: nil)],
            nodePools: [
                [
                    "metadata": ["name": "acme-pool", "uid": "p-1"],
                    "spec": [
                        "initialNodeCount": 3, "nodeTemplate": ["flavor": "c7.2xlarge.2", "k8sTags": labels("acme")],
                    ],
                ]
            ])
        if own {
            footprint.ownCluster = [
                "metadata": ["name": "acme", "uid": "c-1"],
                "spec": ["flavor": "cce.s2.small", "clusterTags": [["key": "tenantctl-tenant", "value": "acme"]]],
            ]
        }
        return footprint
    }

    @Test func removesAccessFirstThenNamespacesPoolsEnforcementAndTheClusterLast() throws {
        let plan = try OffboardingPlanner.plan(Self.footprint(own: true), playbook: Self.playbook(), facts: Self.facts)
        #expect(plan.offboarding && plan.isolation == .physical && plan.cluster == "acme")
        #expect(plan.changes.allSatisfy { $0.action == .delete }, "\(plan.changes.map { "\($0.id) \($0.action)" })")
        #expect(
            plan.changes.map(\.id) == [
                "access[acme-web/tenant-admins]", "namespace[acme-data]", "namespace[acme-web]",
                "tenant-pool[acme-pool]",
                "pod-policy-binding[tenantctl-acme-pods]", "pod-policy[tenantctl-acme-pods]", "runtime-class[kata]",
                "cluster[acme]",
            ])
        let byID = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.id, $0) })
        #expect(byID["namespace[acme-web]"]?.dependsOn == ["access[acme-web/tenant-admins]"])
        #expect(byID["tenant-pool[acme-pool]"]?.dependsOn == ["namespace[acme-data]", "namespace[acme-web]"])
        #expect(byID["pod-policy[tenantctl-acme-pods]"]?.dependsOn == ["pod-policy-binding[tenantctl-acme-pods]"])
        #expect(
            byID["cluster[acme]"]?.dependsOn
                == ["tenant-pool[acme-pool]", "pod-policy[tenantctl-acme-pods]", "runtime-class[kata]"])
        #expect(
            plan.changes.filter(\.irreversible).map(\.id) == [
                "namespace[acme-data]", "namespace[acme-web]", "tenant-pool[acme-pool]", "cluster[acme]",
            ])
        #expect(
            byID["tenant-pool[acme-pool]"]?.holds == [
                Holding(
                    kind: .money, object: "node pool acme-pool", detail: "3 nodes of c7.2xlarge.2, with their disks")
            ])
        #expect(byID["cluster[acme]"]?.holds.map(\.kind) == [.money, .data])
    }

    @Test func aNamespaceListsItsVolumeClaimsLoadBalancersAndFinalizers() throws {
        var footprint = Self.footprint()
        footprint.contents["acme-data"] = [
            [
                "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": [
                    "name": "ledger", "namespace": "acme-data", "finalizers": ["kubernetes.io/pvc-protection"],
                ],
                "spec": [
                    "storageClassName": "csi-disk", "volumeName": "pv-42",
                    "resources": ["requests": ["storage": "10Gi"]],
                ],
                "status": ["capacity": ["storage": "20Gi"]],
            ],
            [
                "apiVersion": "v1", "kind": "Service",
                "metadata": [
                    "name": "front", "namespace": "acme-data", "annotations": ["kubernetes.io/elb.id": "elb-1"],
                ],
                "spec": ["type": "LoadBalancer"], "status": ["loadBalancer": ["ingress": [["ip": "203.0.113.7"]]]],
            ],
        ]
        var namespace = Self.object("v1", "Namespace", "acme-data")
        namespace["spec"] = ["finalizers": ["kubernetes", "example.com/archive"]]
        footprint.objects[2] = namespace
        let plan = try OffboardingPlanner.plan(footprint, playbook: Self.playbook(), facts: Self.facts)
        let change = try #require(plan.changes.first { $0.id == "namespace[acme-data]" })
        #expect(
            change.holds == [
                Holding(
                    kind: .data, object: "PersistentVolumeClaim acme-data/ledger",
                    detail: "20Gi on csi-disk, volume pv-42"),
                Holding(
                    kind: .finalizer, object: "PersistentVolumeClaim acme-data/ledger",
                    detail: "finalizer kubernetes.io/pvc-protection"),
                Holding(
                    kind: .money, object: "Service acme-data/front",
                    detail:
                        "LoadBalancer at 203.0.113.7, ELB elb-1: its load balancer (and EIP, when public) is released"),
                Holding(kind: .finalizer, object: "Namespace acme-data", detail: "finalizer example.com/archive"),
            ])
        #expect(plan.changes.first { $0.id == "namespace[acme-web]" }?.holds == [])
    }

    @Test func aNamespaceAlreadyTerminatingSaysWhatHoldsIt() throws {
        var footprint = Self.footprint()
        var namespace = Self.object("v1", "Namespace", "acme-web")
        namespace["metadata"]?["deletionTimestamp"] = "2026-11-23T02:00:00Z"
        namespace["status"] = [
            "phase": "Terminating",
            "conditions": [
                [
                    "type": "NamespaceDeletionDiscoveryFailure", "status": "False",
                    "message": "All resources successfully discovered",
                ],
                [
                    "type": "NamespaceFinalizersRemaining", "status": "True",
                    "message":
                        "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
                ],
            ],
        ]
        footprint.objects[1] = namespace
        let plan = try OffboardingPlanner.plan(footprint, playbook: Self.playbook(), facts: Self.facts)
        #expect(
            plan.changes.first { $0.id == "namespace[acme-web]" }?.holds.map(\.detail) == [
                "already terminating",
                "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
            ])
    }

    @Test func anObjectOfAnotherTenantIsAConflictNeverADeletion() throws {
        var footprint = Self.footprint()
        footprint.objects.append(Self.object("v1", "Namespace", "bank-ledger", tenant: "bank"))
        let plan = try OffboardingPlanner.plan(footprint, playbook: Self.playbook(), facts: Self.facts)
        let change = try #require(plan.changes.first { $0.id == "namespace[bank-ledger]" })
        #expect(change.action == .conflict)
        #expect(change.message == "Namespace bank-ledger belongs to tenant \"bank\"")
    }

    @Test func aSharedObjectWithoutTenantctlsLabelIsAConflict() throws {
        var footprint = Self.footprint()
        footprint.runtimeClasses = [
            ["apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass", "metadata": ["name": "kata"]]
        ]
        let plan = try OffboardingPlanner.plan(footprint, playbook: Self.playbook(), facts: Self.facts)
        #expect(plan.changes.first { $0.id == "runtime-class[kata]" }?.action == .conflict)
    }

    @Test func aGoneTenantHasNothingToOffboard() throws {
        var footprint = TenantFootprint(tenant: "acme", cluster: "shared-prod")
        footprint.kept = ["RuntimeClass kata is kept: tenant bank still uses it."]
        let plan = try OffboardingPlanner.plan(footprint, playbook: Self.playbook(), facts: Self.facts)
        #expect(plan.changes.isEmpty && !plan.hasChanges)
        #expect(plan.notes == footprint.kept)
    }

    @Test func aStepThatWouldCreateSomethingIsRefused() throws {
        let (playbook, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: access
                      forEach: ${live.roleBindings}
                      kubernetes:
                        object: ${item}
                """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(
            throws: PlanningError(messages: [
                "test is an offboarding playbook, but these steps do not ensure absent: access[acme-web/tenant-admins]"
            ])
        ) {
            try OffboardingPlanner.plan(Self.footprint(), playbook: try #require(playbook), facts: Self.facts)
        }
    }

    @Test func anItemThatIsNotAnObjectIsARenderErrorAtItsTemplate() throws {
        let (playbook, diagnostics) = PlaybookSupport.load(
            steps: """
                    - id: access
                      forEach: ${live.clusters}
                      kubernetes: {ensure: absent, object: "${tenant.name}"}
                """)
        #expect(diagnostics.isEmpty)
        var footprint = Self.footprint(own: true)
        footprint.objects = []
        #expect(
            throws: PlanningError(messages: [
                "inline.yaml:8:44: error: spec.steps[0].kubernetes.object: expected a Kubernetes object (a mapping), found the string \"acme\""
            ])
        ) {
            try OffboardingPlanner.plan(footprint, playbook: try #require(playbook), facts: Self.facts)
        }
    }

    @Test func theOffboardingJSONRoundTrips() throws {
        var footprint = Self.footprint()
        footprint.contents["acme-web"] = [
            [
                "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": ["name": "d", "namespace": "acme-web"], "spec": [:],
            ]
        ]
        let plan = try OffboardingPlanner.plan(footprint, playbook: Self.playbook(), facts: Self.facts)
        let json = try JSONValue(encoding: plan)
        #expect(json["offboarding"] == true)
        #expect(json["changes"]?.arrayValue?.contains { $0["holds"] != nil } == true)
        #expect(try json.decode(as: Plan.self) == plan)
    }
}
