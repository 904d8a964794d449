import JSON
import Testing

@testable import TenancyCore

/// StepDiff over hand-built steps and live state: create, update, no-op, delete, and conflict on what is not ours.
@Suite struct StepDiffTests {
    static let owner: JSONValue = ["app.kubernetes.io/managed-by": "tenantctl", "tenantctl.io/tenant": "acme"]

    static let quota: JSONValue = [
        "apiVersion": "v1", "kind": "ResourceQuota",
        "metadata": ["name": "tenant-quota", "namespace": "acme-web", "labels": owner],
        "spec": ["hard": ["requests.cpu": "16", "pods": "200"]],
    ]
    static let quotaKey = ObjectKey(
        apiVersion: "v1", kind: "ResourceQuota", namespace: "acme-web", name: "tenant-quota")

    static func step(
        _ object: JSONValue, id: String = "quota[acme-web]", ensure: Playbook.Ensure = .present, adopt: Bool = false
    ) -> RenderedStep {
        RenderedStep(
            id: id, stepID: String(id.prefix { $0 != "[" }), dependsOn: ["namespace[acme-web]"],
            action: .kubernetes(ensure: ensure, object: object), adopt: adopt)
    }

    /// `object` as the server holds it.
    static func served(_ object: JSONValue, resourceVersion: String = "4711") -> JSONValue {
        var live = object
        live["metadata"]?["uid"] = "0f0e0d0c-0000-4000-8000-000000000001"
        live["metadata"]?["resourceVersion"] = .string(resourceVersion)
        live["metadata"]?["creationTimestamp"] = "2026-01-01T00:00:00Z"
        live["status"] = ["phase": "whatever"]
        return live
    }

    static func plan(_ step: RenderedStep, _ live: LiveState = LiveState()) throws -> PlannedChange {
        let changes = StepDiff.changes([step], live: live)
        try #require(changes.count == 1)
        return changes[0]
    }

    @Test func missingIsCreatedWithEverySetLeaf() throws {
        let change = try Self.plan(Self.step(Self.quota))
        #expect(change.action == .create)
        #expect(
            change.id == "quota[acme-web]" && change.stepID == "quota" && change.dependsOn == ["namespace[acme-web]"])
        #expect(change.target == .object(Self.quotaKey))
        #expect(change.desired == Self.quota)
        #expect(change.resourceVersion == nil && change.message == nil)
        #expect(
            change.fields == [
                FieldChange(path: "metadata.labels[\"app.kubernetes.io/managed-by\"]", before: nil, after: "tenantctl"),
                FieldChange(path: "metadata.labels[\"tenantctl.io/tenant\"]", before: nil, after: "acme"),
                FieldChange(path: "spec.hard.pods", before: nil, after: "200"),
                FieldChange(path: "spec.hard[\"requests.cpu\"]", before: nil, after: "16"),
            ])
    }

    @Test func equalIsNoOpAndCarriesTheResourceVersion() throws {
        let live = LiveState(objects: [Self.quotaKey: Self.served(Self.quota, resourceVersion: "981")])
        let change = try Self.plan(Self.step(Self.quota), live)
        #expect(change.action == .noOp)
        #expect(change.fields.isEmpty)
        #expect(change.resourceVersion == "981")
    }

    @Test func driftedIsUpdatedWithExactlyTheDriftedFields() throws {
        var object = Self.served(Self.quota)
        object["spec"]?["hard"]?["pods"] = "100"
        object["spec"]?["hard"]?["limits.cpu"] = "3"  // not ours to compare
        let change = try Self.plan(Self.step(Self.quota), LiveState(objects: [Self.quotaKey: object]))
        #expect(change.action == .update)
        #expect(change.fields == [FieldChange(path: "spec.hard.pods", before: "100", after: "200")])
        #expect(change.resourceVersion == "4711")
        #expect(change.desired == Self.quota)
    }

    @Test func existingWithoutLabelsIsAConflictNamingIt() throws {
        var object = Self.served(Self.quota)
        object["metadata"]?["labels"] = nil
        object["spec"]?["hard"]?["pods"] = "5"
        let change = try Self.plan(Self.step(Self.quota), LiveState(objects: [Self.quotaKey: object]))
        #expect(change.action == .conflict)
        #expect(change.fields.isEmpty)
        let message = try #require(change.message)
        #expect(message.contains("ResourceQuota acme-web/tenant-quota"))
        #expect(message.contains("not created by tenantctl"))
        #expect(message.contains("acme"))
    }

    @Test func labelledForAnotherTenantIsAConflictNamingThatTenant() throws {
        var object = Self.served(Self.quota)
        object["metadata"]?["labels"]?["tenantctl.io/tenant"] = "globex"
        let change = try Self.plan(Self.step(Self.quota), LiveState(objects: [Self.quotaKey: object]))
        #expect(change.action == .conflict)
        #expect(change.fields.isEmpty)
        #expect(change.message?.contains("\"globex\"") == true)
        #expect(change.message?.contains("ResourceQuota acme-web/tenant-quota") == true)
    }

    @Test func tenantLabelWithoutManagedByIsAConflict() throws {
        var object = Self.served(Self.quota)
        object["metadata"]?["labels"] = ["tenantctl.io/tenant": "acme", "app.kubernetes.io/managed-by": "helm"]
        let change = try Self.plan(Self.step(Self.quota), LiveState(objects: [Self.quotaKey: object]))
        #expect(change.action == .conflict)
        #expect(change.message?.contains("not managed by tenantctl") == true)
    }

    static let serviceAccount: JSONValue = [
        "apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "default", "namespace": "acme-web"],
        "automountServiceAccountToken": false,
    ]
    static let serviceAccountKey = ObjectKey(
        apiVersion: "v1", kind: "ServiceAccount", namespace: "acme-web", name: "default")

    @Test func adoptUpdatesTheDefaultServiceAccountInsteadOfConflicting() throws {
        // As the control plane creates it: no labels, token automounted by default (field missing).
        let live = LiveState(objects: [
            Self.serviceAccountKey: Self.served(Self.serviceAccount.removing("automountServiceAccountToken"))
        ])
        let change = try Self.plan(
            Self.step(Self.serviceAccount, id: "default-service-account[acme-web]", adopt: true), live)
        #expect(change.action == .update)
        #expect(change.fields == [FieldChange(path: "automountServiceAccountToken", before: nil, after: false)])

        let done = LiveState(objects: [Self.serviceAccountKey: Self.served(Self.serviceAccount)])
        #expect(
            try Self.plan(Self.step(Self.serviceAccount, id: "default-service-account[acme-web]", adopt: true), done)
                .action == .noOp)
    }

    @Test func adoptTakesOverAnObjectWithoutLabelsThatWouldOtherwiseConflict() throws {
        var object = Self.served(Self.quota)
        object["metadata"]?["labels"] = nil
        let live = LiveState(objects: [Self.quotaKey: object])
        #expect(try Self.plan(Self.step(Self.quota), live).action == .conflict)
        let adopted = try Self.plan(Self.step(Self.quota, adopt: true), live)
        #expect(adopted.action == .update)
        #expect(
            adopted.fields.map(\.path) == [
                "metadata.labels[\"app.kubernetes.io/managed-by\"]", "metadata.labels[\"tenantctl.io/tenant\"]",
            ])
    }

    @Test func adoptNeverTakesOverAnotherTenantsObject() throws {
        // Adopting is for objects nobody labelled (the control plane's); one labelled for another tenant stays theirs.
        var object = Self.served(Self.quota)
        object["metadata"]?["labels"]?["tenantctl.io/tenant"] = "globex"
        let change = try Self.plan(Self.step(Self.quota, adopt: true), LiveState(objects: [Self.quotaKey: object]))
        #expect(change.action == .conflict)
        #expect(change.fields.isEmpty)
        #expect(change.message?.contains("\"globex\"") == true)
        // Adopting an object managed by someone else but not claimed for any tenant is what adopt is for.
        object["metadata"]?["labels"] = ["app.kubernetes.io/managed-by": "helm"]
        let adopted = try Self.plan(Self.step(Self.quota, adopt: true), LiveState(objects: [Self.quotaKey: object]))
        #expect(adopted.action == .update)
    }

    @Test func absentAndOwnedIsDeleted() throws {
        let change = try Self.plan(
            Self.step(Self.quota, ensure: .absent),
            LiveState(objects: [Self.quotaKey: Self.served(Self.quota, resourceVersion: "77")]))
        #expect(change.action == .delete)
        #expect(change.desired == nil)
        #expect(change.resourceVersion == "77")
    }

    @Test func absentWithAKeyOnlyDesiredDeletesWhatTenantctlManages() throws {
        let key: JSONValue = ["apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass", "metadata": ["name": "kata"]]
        let runtimeClassKey = ObjectKey(
            apiVersion: "node.k8s.io/v1", kind: "RuntimeClass", namespace: nil, name: "kata")
        var owned = Self.served(key)
        owned["metadata"]?["labels"] = ["app.kubernetes.io/managed-by": "tenantctl"]
        #expect(
            try Self.plan(Self.step(key, id: "runtime", ensure: .absent), LiveState(objects: [runtimeClassKey: owned]))
                .action
                == .delete)
        // Without the managed-by label it cannot be shown to be ours: never deleted, even for a key-only step.
        let foreign = Self.served(key)
        let change = try Self.plan(
            Self.step(key, id: "runtime", ensure: .absent), LiveState(objects: [runtimeClassKey: foreign]))
        #expect(change.action == .conflict)
        #expect(change.message?.contains("RuntimeClass kata") == true)
    }

    @Test func absentWithAnUnlabelledLiveObjectIsAConflictEvenWithAdopt() throws {
        var object = Self.served(Self.quota)
        object["metadata"]?["labels"] = nil
        let live = LiveState(objects: [Self.quotaKey: object])
        for adopt in [false, true] {
            let change = try Self.plan(Self.step(Self.quota, ensure: .absent, adopt: adopt), live)
            #expect(change.action == .conflict, "adopt: \(adopt)")
            #expect(change.message != nil)
        }
    }

    @Test func absentForAnotherTenantsObjectIsAConflict() throws {
        var object = Self.served(Self.quota)
        object["metadata"]?["labels"]?["tenantctl.io/tenant"] = "globex"
        let change = try Self.plan(Self.step(Self.quota, ensure: .absent), LiveState(objects: [Self.quotaKey: object]))
        #expect(change.action == .conflict)
        #expect(change.message?.contains("globex") == true)
    }

    @Test func absentAndMissingIsNoOp() throws {
        let change = try Self.plan(Self.step(Self.quota, ensure: .absent))
        #expect(change.action == .noOp)
        #expect(change.desired == nil)
        #expect(change.fields.isEmpty)
    }

    @Test func objectsMatchAcrossServedVersions() throws {
        let policy: JSONValue = [
            "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicy",
            "metadata": ["name": "tenantctl-acme-pods", "labels": Self.owner], "spec": ["failurePolicy": "Fail"],
        ]
        var live = Self.served(policy)
        live["apiVersion"] = "admissionregistration.k8s.io/v1beta1"
        let key = ObjectKey(
            apiVersion: "admissionregistration.k8s.io/v1beta1", kind: "ValidatingAdmissionPolicy", namespace: nil,
            name: "tenantctl-acme-pods")
        #expect(try Self.plan(Self.step(policy, id: "pod-policy"), LiveState(objects: [key: live])).action == .noOp)
        // Another group with the same kind and name is another object.
        let elsewhere = ObjectKey(
            apiVersion: "example.com/v1", kind: "ValidatingAdmissionPolicy", namespace: nil, name: "tenantctl-acme-pods"
        )
        #expect(
            try Self.plan(Self.step(policy, id: "pod-policy"), LiveState(objects: [elsewhere: live])).action == .create)
    }

    @Test func aSameNamedObjectInAnotherNamespaceIsNotMatched() throws {
        let other = ObjectKey(apiVersion: "v1", kind: "ResourceQuota", namespace: "acme-data", name: "tenant-quota")
        #expect(
            try Self.plan(Self.step(Self.quota), LiveState(objects: [other: Self.served(Self.quota)])).action == .create
        )
    }

    @Test func changesKeepStepOrder() {
        let steps = [
            Self.step(Self.quota, id: "quota[acme-web]"),
            Self.step(Self.serviceAccount, id: "default-service-account[acme-web]", adopt: true),
        ]
        let live = LiveState(objects: [Self.quotaKey: Self.served(Self.quota)])
        let changes = StepDiff.changes(steps, live: live)
        #expect(changes.map(\.id) == ["quota[acme-web]", "default-service-account[acme-web]"])
        #expect(changes.map(\.action) == [.noOp, .create])
    }

    // MARK: Cloud resources

    static let pool: JSONValue = [
        "kind": "NodePool", "apiVersion": "v3", "metadata": ["name": "acme-pool"],
        "spec": [
            "initialNodeCount": 3,
            "nodeTemplate": ["flavor": "c7.2xlarge.2", "k8sTags": owner],
        ],
    ]
    static let poolKey = CloudKey(resource: .nodePool, name: "acme-pool")

    static func poolStep(_ body: JSONValue = pool) -> RenderedStep {
        RenderedStep(
            id: "tenant-pool", stepID: "tenant-pool", dependsOn: [],
            action: .cloud(.nodePool, ensure: .present, body: body), adopt: false)
    }

    @Test func nodePoolOwnershipIsReadFromK8sTags() throws {
        var live = Self.pool
        live["metadata"]?["uid"] = "pool-uid"
        live["spec"]?["nodeTemplate"]?["k8sTags"]?["cce.cloud.com/cce-nodepool"] = "acme-pool"
        live["status"] = ["currentNode": 3, "phase": ""]
        #expect(try Self.plan(Self.poolStep(), LiveState(cloud: [Self.poolKey: live])).action == .noOp)

        var scaled = live
        scaled["spec"]?["initialNodeCount"] = 5
        let update = try Self.plan(Self.poolStep(), LiveState(cloud: [Self.poolKey: scaled]))
        #expect(update.action == .update)
        #expect(update.fields == [FieldChange(path: "spec.initialNodeCount", before: 5, after: 3)])
        #expect(update.target == .cloud(Self.poolKey))

        var foreign = live
        foreign["spec"]?["nodeTemplate"]?["k8sTags"] = ["team": "acme"]
        // Labels on the pool's metadata do not count: only the node labels do.
        foreign["metadata"]?["labels"] = Self.owner
        let conflict = try Self.plan(Self.poolStep(), LiveState(cloud: [Self.poolKey: foreign]))
        #expect(conflict.action == .conflict)
        #expect(conflict.message?.contains("node pool acme-pool") == true)

        var others = live
        others["spec"]?["nodeTemplate"]?["k8sTags"]?["tenantctl.io/tenant"] = "globex"
        let theirs = try Self.plan(Self.poolStep(), LiveState(cloud: [Self.poolKey: others]))
        #expect(theirs.action == .conflict)
        #expect(theirs.message?.contains("globex") == true)
    }

    @Test func aPoolWhoseFlavorOrZoneChangesIsAConflictThatSaysItMeansReplacingIt() throws {
        var live = Self.pool
        live["metadata"]?["uid"] = "pool-uid"
        live["spec"]?["nodeTemplate"]?["flavor"] = "c7.xlarge.2"
        let change = try Self.plan(Self.poolStep(), LiveState(cloud: [Self.poolKey: live]))
        #expect(change.action == .conflict)
        #expect(
            change.message?.contains("spec.nodeTemplate.flavor \"c7.xlarge.2\" → \"c7.2xlarge.2\"") == true,
            "\(change.message ?? "")")
        #expect(change.message?.contains("means replacing node pool acme-pool") == true)
    }

    @Test func theNodeCountOfAPoolThatAutoscalesIsTheAutoscalers() throws {
        var body = Self.pool
        body["spec"]?["autoscaling"] = ["enable": true, "minNodeCount": 3, "maxNodeCount": 10]
        var live = body
        live["metadata"]?["uid"] = "pool-uid"
        live["spec"]?["initialNodeCount"] = 7
        #expect(try Self.plan(Self.poolStep(body), LiveState(cloud: [Self.poolKey: live])).action == .noOp)
        live["spec"]?["autoscaling"]?["maxNodeCount"] = 6
        let update = try Self.plan(Self.poolStep(body), LiveState(cloud: [Self.poolKey: live]))
        #expect(update.fields == [FieldChange(path: "spec.autoscaling.maxNodeCount", before: 6, after: 10)])
    }

    @Test func aMissingPoolIsCreated() throws {
        let change = try Self.plan(Self.poolStep())
        #expect(change.action == .create)
        #expect(change.target == .cloud(Self.poolKey))
        #expect(change.fields.map(\.path).contains("spec.nodeTemplate.k8sTags[\"tenantctl.io/tenant\"]"))
        #expect(change.fields.contains(FieldChange(path: "spec.initialNodeCount", before: nil, after: 3)))
    }

    @Test func clusterOwnershipIsReadFromItsTenantTag() throws {
        let body: JSONValue = [
            "kind": "Cluster", "apiVersion": "v3", "metadata": ["name": "finbank"],
            "spec": ["flavor": "cce.s2.small", "clusterTags": [["key": "tenantctl-tenant", "value": "finbank"]]],
        ]
        let key = CloudKey(resource: .cluster, name: "finbank")
        let step = RenderedStep(
            id: "cluster", stepID: "cluster", dependsOn: [], action: .cloud(.cluster, ensure: .present, body: body),
            adopt: false)
        #expect(try Self.plan(step, LiveState(cloud: [key: body])).action == .noOp)
        var untagged = body
        untagged["spec"]?["clusterTags"] = []
        #expect(try Self.plan(step, LiveState(cloud: [key: untagged])).action == .conflict)
        var other = body
        other["spec"]?["clusterTags"] = [["key": "tenantctl-tenant", "value": "globex"]]
        let change = try Self.plan(step, LiveState(cloud: [key: other]))
        #expect(change.action == .conflict)
        #expect(change.message?.contains("globex") == true)
    }

    @Test func addOnsAreKeyedByTemplateName() throws {
        let body: JSONValue = [
            "kind": "Addon", "apiVersion": "v3",
            "spec": ["addonTemplateName": "autoscaler", "values": ["custom": ["scaleDownEnabled": true]]],
        ]
        let step = RenderedStep(
            id: "autoscaler", stepID: "autoscaler", dependsOn: [], action: .cloud(.addon, ensure: .present, body: body),
            adopt: false)
        #expect(try Self.plan(step).target == .cloud(CloudKey(resource: .addon, name: "autoscaler")))
        var live = body
        live["spec"]?["values"]?["custom"]?["scaleDownEnabled"] = false
        let change = try Self.plan(step, LiveState(cloud: [CloudKey(resource: .addon, name: "autoscaler"): live]))
        #expect(change.action == .update)
        #expect(change.fields == [FieldChange(path: "spec.values.custom.scaleDownEnabled", before: false, after: true)])
    }

    // MARK: Plan

    @Test func planCountsAndHasChanges() throws {
        let noOp = PlannedChange(
            id: "a", stepID: "a", dependsOn: [], action: .noOp, target: .object(Self.quotaKey), desired: nil)
        var plan = Plan(
            tenant: "acme", cluster: "shared-prod", isolation: .logical,
            facts: .assumed(version: KubernetesVersion(major: 1, minor: 31)),
            offline: true, changes: [noOp, noOp], notes: [])
        #expect(!plan.hasChanges)
        var conflict = noOp
        conflict.action = .conflict
        plan.changes.append(conflict)
        #expect(plan.hasChanges)
        #expect(plan.count(.noOp) == 2 && plan.count(.conflict) == 1 && plan.count(.create) == 0)
        #expect(plan.summaryJSON == ["create": 0, "update": 0, "delete": 0, "noOp": 2, "conflict": 1])
        let json = try JSONValue(encoding: plan)
        #expect(
            json["kubernetes"] == [
                "version": "v1.31", "admissionPolicyAPI": "admissionregistration.k8s.io/v1", "factsFrom": "assumed",
            ])
        #expect(json["changes"]?.arrayValue?.last?["action"] == "conflict")
        #expect(
            json["changes"]?.arrayValue?.first?["target"] == [
                "type": "kubernetes", "apiVersion": "v1", "kind": "ResourceQuota", "namespace": "acme-web",
                "name": "tenant-quota",
            ])
    }
}

extension JSONValue {
    /// A copy without the top-level member `key`.
    func removing(_ key: String) -> JSONValue {
        guard var members = objectValue else { return self }
        members[key] = nil
        return .object(members)
    }
}
