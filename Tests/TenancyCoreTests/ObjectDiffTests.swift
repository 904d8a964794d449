import JSON
import Testing

@testable import TenancyCore

/// ObjectDiff compares only what the desired object sets, the way a server returns it.
@Suite struct ObjectDiffTests {
    static let quota: JSONValue = [
        "apiVersion": "v1", "kind": "ResourceQuota",
        "metadata": [
            "name": "tenant-quota", "namespace": "acme-web",
            "labels": ["tenantctl.io/tenant": "acme", "app.kubernetes.io/managed-by": "tenantctl"],
        ],
        "spec": ["hard": ["requests.cpu": "16", "requests.memory": "64Gi", "pods": "200"]],
    ]

    /// `quota` as a server returns it: identity, defaults and status added.
    static var served: JSONValue {
        var live = quota
        live["metadata"]?["uid"] = "9a8b7c6d-0000-4000-8000-000000000001"
        live["metadata"]?["resourceVersion"] = "4711"
        live["metadata"]?["creationTimestamp"] = "2026-01-01T00:00:00Z"
        live["metadata"]?["managedFields"] = [["manager": "tenantctl", "operation": "Apply"]]
        live["metadata"]?["generation"] = 1
        live["spec"]?["scopes"] = []
        live["status"] = ["hard": ["pods": "200"], "used": ["pods": "3"]]
        return live
    }

    @Test func identicalObjectsHaveNoChanges() {
        #expect(ObjectDiff.changes(desired: Self.quota, live: Self.quota).isEmpty)
    }

    @Test func serverAddedFieldsAreIgnored() {
        #expect(ObjectDiff.changes(desired: Self.quota, live: Self.served).isEmpty)
    }

    @Test func extraLiveLabelsAndHardKeysAreIgnored() {
        var live = Self.served
        live["metadata"]?["labels"]?["kubernetes.io/metadata.name"] = "acme-web"
        live["spec"]?["hard"]?["limits.cpu"] = "99"
        #expect(ObjectDiff.changes(desired: Self.quota, live: live).isEmpty)
    }

    @Test func metadataComparesOnlyLabelsAndAnnotations() {
        var desired = Self.quota
        // Identity and server-owned metadata that differ from the live object do not count…
        desired["metadata"]?["uid"] = "another-uid"
        desired["metadata"]?["resourceVersion"] = "1"
        desired["metadata"]?["finalizers"] = ["example.com/keep"]
        #expect(ObjectDiff.changes(desired: desired, live: Self.served).isEmpty)
        // …but an annotation does.
        desired["metadata"]?["annotations"] = ["example.com/owner": "payments"]
        let changes = ObjectDiff.changes(desired: desired, live: Self.served)
        #expect(
            changes == [
                FieldChange(path: "metadata.annotations[\"example.com/owner\"]", before: nil, after: "payments")
            ])
    }

    @Test func apiVersionKindAndStatusAreNotCompared() {
        var desired = Self.quota
        desired["apiVersion"] = "v2"
        desired["status"] = ["phase": "Ready"]
        #expect(ObjectDiff.changes(desired: desired, live: Self.served).isEmpty)
    }

    @Test(arguments: [
        ("1000m", "1"), ("1", "1000m"), ("1Gi", "1024Mi"), ("64Gi", "65536Mi"), ("0.5", "500m"), ("1k", "1000"),
        ("1e3", "1k"),
    ])
    func quantitiesCompareByValue(_ desired: String, _ live: String) {
        let wanted: JSONValue = ["spec": ["hard": ["cpu": .string(desired)]]]
        #expect(ObjectDiff.changes(desired: wanted, live: ["spec": ["hard": ["cpu": .string(live)]]]).isEmpty)
    }

    @Test(arguments: [("1", "2"), ("1Gi", "1G"), ("500m", "0.05"), ("16", "16Mi")])
    func differentQuantitiesDiffer(_ desired: String, _ live: String) {
        let changes = ObjectDiff.changes(
            desired: ["spec": ["hard": ["cpu": .string(desired)]]], live: ["spec": ["hard": ["cpu": .string(live)]]])
        #expect(changes == [FieldChange(path: "spec.hard.cpu", before: .string(live), after: .string(desired))])
    }

    @Test func aStringQuantityEqualsTheSameInteger() {
        #expect(
            ObjectDiff.changes(desired: ["spec": ["hard": ["pods": "200"]]], live: ["spec": ["hard": ["pods": 200]]])
                .isEmpty)
        #expect(
            ObjectDiff.changes(desired: ["spec": ["hard": ["pods": 200]]], live: ["spec": ["hard": ["pods": "200"]]])
                .isEmpty)
        #expect(
            ObjectDiff.changes(desired: ["spec": ["hard": ["pods": 200]]], live: ["spec": ["hard": ["pods": "2k"]]])
                .count == 1)
        #expect(
            ObjectDiff.changes(desired: ["spec": ["hard": ["pods": "200"]]], live: ["spec": ["hard": ["pods": 201]]])
                .count == 1)
    }

    @Test func stringsOutsideQuantityFieldsCompareAsText() {
        let desired: JSONValue = [
            "spec": ["podSelector": ["matchLabels": ["tenantctl.io/tenant": "1"]], "version": "1.10"]
        ]
        let live: JSONValue = [
            "spec": ["podSelector": ["matchLabels": ["tenantctl.io/tenant": "01"]], "version": "1.1"]
        ]
        #expect(
            ObjectDiff.changes(desired: desired, live: live) == [
                FieldChange(path: #"spec.podSelector.matchLabels["tenantctl.io/tenant"]"#, before: "01", after: "1"),
                FieldChange(path: "spec.version", before: "1.1", after: "1.10"),
            ])
    }

    @Test func anEmptySelectorWantedWhereTheLiveOneHasMembersIsAChange() {
        let desired: JSONValue = ["spec": ["podSelector": [:], "policyTypes": ["Ingress"]]]
        let live: JSONValue = ["spec": ["podSelector": ["matchLabels": ["app": "web"]], "policyTypes": ["Ingress"]]]
        #expect(
            ObjectDiff.changes(desired: desired, live: live) == [
                FieldChange(path: "spec.podSelector", before: ["matchLabels": ["app": "web"]], after: [:])
            ])
        #expect(
            ObjectDiff.changes(desired: desired, live: ["spec": ["podSelector": [:], "policyTypes": ["Ingress"]]])
                .isEmpty)
    }

    @Test func labelsAreComparedAsTextNotAsQuantities() {
        let desired: JSONValue = ["metadata": ["labels": ["tier": "1"], "annotations": ["size": "1Gi"]]]
        let live: JSONValue = ["metadata": ["labels": ["tier": "01"], "annotations": ["size": "1024Mi"]]]
        let changes = ObjectDiff.changes(desired: desired, live: live)
        #expect(
            changes == [
                FieldChange(path: "metadata.annotations.size", before: "1024Mi", after: "1Gi"),
                FieldChange(path: "metadata.labels.tier", before: "01", after: "1"),
            ])
    }

    @Test func emptyListOrMapEqualsMissing() {
        let desired: JSONValue = ["spec": ["podSelector": [:], "scopes": [], "hard": ["pods": "1"]]]
        #expect(ObjectDiff.changes(desired: desired, live: ["spec": ["hard": ["pods": "1"]]]).isEmpty)
        #expect(ObjectDiff.changes(desired: desired, live: ["spec": ["hard": ["pods": "1"], "scopes": .null]]).isEmpty)
        #expect(
            ObjectDiff.changes(
                desired: desired, live: ["spec": ["hard": ["pods": "1"], "podSelector": [:], "scopes": []]]
            ).isEmpty)
        // An empty list and an empty map are both "nothing".
        #expect(ObjectDiff.changes(desired: ["spec": ["x": []]], live: ["spec": ["x": [:]]]).isEmpty)
    }

    @Test func falseIsNotTheSameAsMissing() {
        let desired: JSONValue = ["apiVersion": "v1", "kind": "ServiceAccount", "automountServiceAccountToken": false]
        let live: JSONValue = ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "default"]]
        #expect(
            ObjectDiff.changes(desired: desired, live: live)
                == [FieldChange(path: "automountServiceAccountToken", before: nil, after: false)])
        var automounting = live
        automounting["automountServiceAccountToken"] = true
        #expect(
            ObjectDiff.changes(desired: desired, live: automounting)
                == [FieldChange(path: "automountServiceAccountToken", before: true, after: false)])
        automounting["automountServiceAccountToken"] = false
        #expect(ObjectDiff.changes(desired: desired, live: automounting).isEmpty)
    }

    @Test func zeroAndEmptyStringAreNotMissing() {
        #expect(
            ObjectDiff.changes(desired: ["spec": ["n": 0]], live: ["spec": [:]]) == [
                FieldChange(path: "spec.n", before: nil, after: 0)
            ])
        #expect(
            ObjectDiff.changes(desired: ["spec": ["s": ""]], live: [:]) == [
                FieldChange(path: "spec.s", before: nil, after: "")
            ])
    }

    static let limitRange: JSONValue = [
        "spec": [
            "limits": [
                ["type": "Container", "max": ["cpu": "4", "memory": "8Gi"], "default": ["cpu": "500m"]],
                ["type": "PersistentVolumeClaim", "max": ["storage": "100Gi"]],
            ]
        ]
    ]

    @Test func listsOfEqualLengthCompareElementByElement() {
        var live = Self.limitRange
        live["spec"]?["limits"] = [
            // Server defaults in an element (defaultRequest) are ignored like any other extra field.
            [
                "type": "Container", "max": ["cpu": "2", "memory": "8192Mi"], "default": ["cpu": "0.5"],
                "defaultRequest": ["cpu": "500m"],
            ],
            ["type": "PersistentVolumeClaim", "max": ["storage": "100Gi"]],
        ]
        #expect(
            ObjectDiff.changes(desired: Self.limitRange, live: live)
                == [FieldChange(path: "spec.limits[0].max.cpu", before: "2", after: "4")])
    }

    @Test func listsOfDifferentLengthChangeAsAWhole() {
        var live = Self.limitRange
        let shorter: JSONValue = [
            ["type": "Container", "max": ["cpu": "4", "memory": "8Gi"], "default": ["cpu": "500m"]]
        ]
        live["spec"]?["limits"] = shorter
        #expect(
            ObjectDiff.changes(desired: Self.limitRange, live: live)
                == [FieldChange(path: "spec.limits", before: shorter, after: Self.limitRange["spec"]?["limits"])])
    }

    @Test func listOrderMatters() {
        let desired: JSONValue = ["spec": ["policyTypes": ["Ingress", "Egress"]]]
        let live: JSONValue = ["spec": ["policyTypes": ["Egress", "Ingress"]]]
        #expect(
            ObjectDiff.changes(desired: desired, live: live) == [
                FieldChange(path: "spec.policyTypes[0]", before: "Egress", after: "Ingress"),
                FieldChange(path: "spec.policyTypes[1]", before: "Ingress", after: "Egress"),
            ])
    }

    @Test func keysThatAreNotIdentifiersAreQuotedInPaths() {
        var live = Self.served
        live["spec"]?["hard"]?["requests.cpu"] = "8"
        live["metadata"]?["labels"]?["tenantctl.io/tenant"] = "other"
        let changes = ObjectDiff.changes(desired: Self.quota, live: live)
        #expect(
            changes == [
                FieldChange(path: "metadata.labels[\"tenantctl.io/tenant\"]", before: "other", after: "acme"),
                FieldChange(path: "spec.hard[\"requests.cpu\"]", before: "8", after: "16"),
            ])
    }

    @Test(arguments: [
        ("cpu", "spec.cpu"), ("max-surge", "spec.max-surge"), ("_x1", "spec._x1"),
        ("requests.cpu", "spec[\"requests.cpu\"]"),
        ("count/deployments.apps", "spec[\"count/deployments.apps\"]"), ("1st", "spec[\"1st\"]"),
        ("a b", "spec[\"a b\"]"), ("say \"hi\"", "spec[\"say \\\"hi\\\"\"]"),
        ("hw:passthrough", "spec[\"hw:passthrough\"]"),
    ])
    func pathSegments(_ key: String, _ path: String) {
        #expect(ObjectDiff.segment(key, after: "spec") == path)
    }

    /// Keys outside ASCII follow the same rule: letters and digits of any script are plain, anything else quoted.
    @Test(arguments: [
        ("größe", "spec.größe"), ("名前", "spec.名前"), ("x٣", "spec.x٣"), ("٣x", "spec[\"٣x\"]"), ("é", "spec.é"),
        ("e\u{301}", "spec.e\u{301}"), ("a→b", "spec[\"a→b\"]"), ("tab\t", "spec[\"tab\t\"]"), ("\\", "spec[\"\\\\\"]"),
        ("", "spec[\"\"]"),
    ])
    func pathSegmentsOutsideASCII(_ key: String, _ path: String) {
        #expect(ObjectDiff.segment(key, after: "spec") == path)
    }

    @Test func aSingleDriftIsExactlyOneChangeWithBeforeAndAfter() {
        var live = Self.served
        live["spec"]?["hard"]?["pods"] = "150"
        let changes = ObjectDiff.changes(desired: Self.quota, live: live)
        #expect(changes.count == 1)
        #expect(changes.first?.path == "spec.hard.pods")
        #expect(changes.first?.before == "150")
        #expect(changes.first?.after == "200")
    }

    @Test func aMissingSubtreeReadsLeafByLeaf() {
        let desired: JSONValue = [
            "spec": ["ingress": [["from": [["namespaceSelector": ["matchLabels": ["a": "b"]]]]]], "podSelector": [:]]
        ]
        #expect(
            ObjectDiff.changes(desired: desired, live: [:]) == [
                FieldChange(path: "spec.ingress[0].from[0].namespaceSelector.matchLabels.a", before: nil, after: "b")
            ])
    }

    @Test func aLiveNullIsMissing() {
        #expect(
            ObjectDiff.changes(desired: ["spec": ["hard": ["pods": "1"]]], live: ["spec": ["hard": .null]])
                == [FieldChange(path: "spec.hard.pods", before: nil, after: "1")])
    }

    @Test func aTypeChangeIsOneChangeAtThatPath() {
        let desired: JSONValue = ["spec": ["selector": ["app": "x"]]]
        let live: JSONValue = ["spec": ["selector": "app=x"]]
        #expect(
            ObjectDiff.changes(desired: desired, live: live)
                == [FieldChange(path: "spec.selector", before: "app=x", after: ["app": "x"])])
    }
}
