import JSON
import Testing

@testable import TenancyCore

/// A tenant whose objects already exist as the server returns them plans to nothing; one drift shows as one field.
@Suite struct ConvergedPlanTests {
    /// `object` as the API server returns it after an apply: identity, managed fields, status, and the defaults
    /// the server fills in for each kind.
    static func served(_ object: JSONValue, _ number: Int) -> JSONValue {
        var live = object
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        live["metadata"]?["uid"] = .string(
            "00000000-0000-4000-8000-\(String(repeating: "0", count: 12 - String(number).count))\(number)")
        live["metadata"]?["resourceVersion"] = .string(String(1000 + number))
        live["metadata"]?["creationTimestamp"] = "2026-01-05T10:00:00Z"
        live["metadata"]?["generation"] = 1
        live["metadata"]?["managedFields"] = [
            [
                "manager": "tenantctl", "operation": "Apply", "apiVersion": object["apiVersion"] ?? .null,
                "fieldsType": "FieldsV1",
            ]
        ]
        switch object["kind"]?.stringValue {
        case "Namespace":
            live["metadata"]?["labels"]?["kubernetes.io/metadata.name"] = .string(name)
            live["spec"] = ["finalizers": ["kubernetes"]]
            live["status"] = ["phase": "Active"]
        case "ServiceAccount":
            // Created by the control plane, not by tenantctl: no labels at all.
            live["metadata"]?["labels"] = nil
        case "ResourceQuota":
            let hard = object["spec"]?["hard"] ?? [:]
            live["status"] = ["hard": hard, "used": ["pods": "0", "services": "0", "requests.cpu": "0"]]
        case "NetworkPolicy":
            // The server fills in TCP for ports without a protocol; ours all name one, so nothing changes there.
            break
        case "ValidatingAdmissionPolicy":
            live["spec"]?["matchConstraints"]?["matchPolicy"] = "Equivalent"
            live["spec"]?["matchConstraints"]?["namespaceSelector"] = [:]
            live["spec"]?["matchConstraints"]?["objectSelector"] = [:]
            if var rules = live["spec"]?["matchConstraints"]?["resourceRules"]?.arrayValue {
                for index in rules.indices { rules[index]["scope"] = "*" }
                live["spec"]?["matchConstraints"]?["resourceRules"] = .array(rules)
            }
            live["status"] = ["observedGeneration": 1, "typeChecking": [:]]
        case "ValidatingAdmissionPolicyBinding":
            live["spec"]?["matchResources"]?["matchPolicy"] = "Equivalent"
            live["spec"]?["matchResources"]?["objectSelector"] = [:]
        default:
            break
        }
        return live
    }

    /// A CCE body as the cloud API returns it.
    static func servedPool(_ body: JSONValue) -> JSONValue {
        var live = body
        let name = body["metadata"]?["name"]?.stringValue ?? ""
        live["metadata"]?["uid"] = .string("pool-\(name)")
        live["metadata"]?["creationTimestamp"] = "2026-01-05 10:00:00.000 +0000 UTC"
        live["spec"]?["nodeTemplate"]?["k8sTags"]?["cce.cloud.com/cce-nodepool"] = .string(name)
        live["spec"]?["nodeTemplate"]?["billingMode"] = 0
        live["spec"]?["nodeTemplate"]?["extendParam"]?["periodNum"] = 0
        live["spec"]?["nodeManagement"] = ["serverGroupReference": ""]
        live["status"] = ["currentNode": body["spec"]?["initialNodeCount"] ?? 0, "phase": ""]
        return live
    }

    static func converged(_ steps: [RenderedStep]) throws -> LiveState {
        var live = LiveState()
        for (number, step) in steps.enumerated() {
            switch step.action {
            case .kubernetes(_, let object):
                live.objects[try #require(ObjectKey(object: object))] = served(object, number)
            case .cloud(let resource, _, let body):
                live.cloud[try #require(CloudKey(resource: resource, body: body))] = servedPool(body)
            }
        }
        return live
    }

    static func acme() throws -> (TenantPlanner.Inputs, [RenderedStep]) {
        let inputs = try Onboarding.load().inputs("acme")
        return (inputs, try TenantPlanner.render(inputs))
    }

    @Test func aConvergedTenantPlansNoChanges() throws {
        let (inputs, steps) = try Self.acme()
        // The steps this test relies on are all there.
        for id in [
            "system-pool", "tenant-pool", "namespace[acme-web]", "default-service-account[acme-web]", "quota[acme-web]",
            "limits[acme-data]", "allow-dns[acme-web]", "owners[acme-web]", "viewers[acme-data]", "pod-policy",
            "pod-policy-binding",
            "object-policy[tenantctl-acme-services]", "object-policy-binding[tenantctl-acme-claims]",
        ] {
            #expect(steps.step(id) != nil, "\(id)")
        }
        let live = try Self.converged(steps)
        let plan = TenantPlanner.plan(inputs, steps: steps, live: live, offline: false)
        #expect(plan.changes.count == steps.count)
        #expect(
            !plan.hasChanges,
            "\(plan.changes.filter { $0.action != .noOp }.map { "\($0.id): \($0.action) \($0.fields) \($0.message ?? "")" })"
        )
        #expect(plan.count(.noOp) == steps.count)
        // Every Kubernetes change carries the live resourceVersion, for a saved plan to detect a move.
        for change in plan.changes where change.stepID != "system-pool" && change.stepID != "tenant-pool" {
            #expect(change.resourceVersion != nil, "\(change.id)")
        }
        #expect(
            plan.changes.first { $0.id == "quota[acme-web]" }?.resourceVersion
                == live.objects[
                    ObjectKey(apiVersion: "v1", kind: "ResourceQuota", namespace: "acme-web", name: "tenant-quota")]?[
                    "metadata"]?["resourceVersion"]?.stringValue)
    }

    @Test func oneChangedQuotaValueIsExactlyOneField() throws {
        let (inputs, steps) = try Self.acme()
        var live = try Self.converged(steps)
        let key = ObjectKey(apiVersion: "v1", kind: "ResourceQuota", namespace: "acme-web", name: "tenant-quota")
        #expect(live.objects[key]?["spec"]?["hard"]?["requests.cpu"] == "8", "acme-web's half of acme's 16 CPUs")
        live.objects[key]?["spec"]?["hard"]?["requests.cpu"] = "4"
        let plan = TenantPlanner.plan(inputs, steps: steps, live: live, offline: false)
        let changed = plan.changes.filter { $0.action != .noOp }
        #expect(changed.count == 1)
        let change = try #require(changed.first)
        #expect(change.id == "quota[acme-web]")
        #expect(change.action == .update)
        #expect(change.fields == [FieldChange(path: "spec.hard[\"requests.cpu\"]", before: "4", after: "8")])
        #expect(
            plan.summaryJSON == [
                "create": 0, "update": 1, "delete": 0, "noOp": .int(Int64(steps.count - 1)), "conflict": 0,
            ])
    }

    @Test func equalQuantitiesWrittenDifferentlyStayConverged() throws {
        let (inputs, steps) = try Self.acme()
        var live = try Self.converged(steps)
        let key = ObjectKey(apiVersion: "v1", kind: "ResourceQuota", namespace: "acme-data", name: "tenant-quota")
        live.objects[key]?["spec"]?["hard"]?["requests.cpu"] = "8000m"
        live.objects[key]?["spec"]?["hard"]?["requests.memory"] = "32768Mi"
        live.objects[key]?["spec"]?["hard"]?["pods"] = 100
        let plan = TenantPlanner.plan(inputs, steps: steps, live: live, offline: false)
        #expect(!plan.hasChanges)
    }

    @Test func aLabelledForeignNamespaceIsTheOnlyConflict() throws {
        let (inputs, steps) = try Self.acme()
        var live = try Self.converged(steps)
        let key = ObjectKey(apiVersion: "v1", kind: "Namespace", namespace: nil, name: "acme-data")
        live.objects[key]?["metadata"]?["labels"] = [
            "tenantctl.io/tenant": "globex", "app.kubernetes.io/managed-by": "tenantctl",
        ]
        let plan = TenantPlanner.plan(inputs, steps: steps, live: live, offline: false)
        let changed = plan.changes.filter { $0.action != .noOp }
        #expect(changed.map(\.id) == ["namespace[acme-data]"])
        #expect(changed.first?.action == .conflict)
        #expect(changed.first?.message?.contains("\"globex\"") == true)
        #expect(plan.hasChanges)
    }

    @Test func aScaledPoolAndAnAutomountingServiceAccountShowAsUpdates() throws {
        let (inputs, steps) = try Self.acme()
        var live = try Self.converged(steps)
        let pool = CloudKey(resource: .nodePool, name: "acme-pool")
        live.cloud[pool]?["spec"]?["nodeTemplate"]?["taints"] = []
        let account = ObjectKey(apiVersion: "v1", kind: "ServiceAccount", namespace: "acme-web", name: "default")
        live.objects[account]?["automountServiceAccountToken"] = nil
        let plan = TenantPlanner.plan(inputs, steps: steps, live: live, offline: false)
        let changed = plan.changes.filter { $0.action != .noOp }
        #expect(changed.map(\.id) == ["tenant-pool", "default-service-account[acme-web]"])
        #expect(changed.allSatisfy { $0.action == .update })
        #expect(
            changed.first?.fields == [
                FieldChange(
                    path: "spec.nodeTemplate.taints", before: [],
                    after: [["key": "tenantctl.io/tenant", "value": "acme", "effect": "NoSchedule"]])
            ])
        #expect(changed.last?.fields == [FieldChange(path: "automountServiceAccountToken", before: nil, after: false)])
    }

    @Test func offlineEverythingIsCreated() throws {
        let (inputs, steps) = try Self.acme()
        let plan = TenantPlanner.plan(inputs, steps: steps, live: LiveState(), offline: true)
        #expect(plan.count(.create) == steps.count)
        #expect(plan.changes.allSatisfy { !$0.fields.isEmpty })
        #expect(plan.changes.map(\.id) == steps.map(\.id))
        #expect(try JSONValue(encoding: plan)["offline"] == true)
    }
}
