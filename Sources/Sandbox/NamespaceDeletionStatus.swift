import JSON

/// What is left in a Terminating namespace, and the `status.conditions` the namespace controller reports
/// about it, worded as kube-controller-manager words them
/// (pkg/controller/namespace/deletion/status_condition_utils.go).
struct NamespaceDeletionStatus {
    /// Remaining objects by resource, named `resource.group` (`configmaps.`, `deployments.apps`).
    private(set) var resources: [String: Int] = [:]
    /// Remaining objects by each finalizer they carry.
    private(set) var finalizers: [String: Int] = [:]

    /// Counts an object that is still there.
    mutating func count(_ object: JSONValue, of resource: GroupResource) {
        resources["\(resource.resource).\(resource.group)", default: 0] += 1
        for case .string(let finalizer) in object["metadata"]?["finalizers"]?.arrayValue ?? [] {
            finalizers[finalizer, default: 0] += 1
        }
    }

    var isEmpty: Bool { resources.isEmpty }

    /// `status` with the controller's conditions set, in its order: a condition that is new, or whose status,
    /// reason or message changed, is updated; `lastTransitionTime` moves only when its status changes.
    func applied(to status: JSONValue, at time: String) -> JSONValue {
        var conditions = status["conditions"]?.arrayValue ?? []
        for (type, isTrue, reason, message) in wanted {
            let condition: JSONValue = [
                "type": .string(type), "status": isTrue ? "True" : "False", "lastTransitionTime": .string(time),
                "reason": .string(reason), "message": .string(message),
            ]
            guard let index = conditions.firstIndex(where: { $0["type"]?.stringValue == type }) else {
                conditions.append(condition)
                continue
            }
            let old = conditions[index]
            if old["status"] == condition["status"] {
                conditions[index]["reason"] = condition["reason"]
                conditions[index]["message"] = condition["message"]
            } else {
                conditions[index] = condition
            }
        }
        var result = status
        result["conditions"] = .array(conditions)
        return result
    }

    private var wanted: [(type: String, isTrue: Bool, reason: String, message: String)] {
        [
            (
                "NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered",
                "All resources successfully discovered"
            ),
            (
                "NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions",
                "All legacy kube types successfully parsed"
            ),
            (
                "NamespaceDeletionContentFailure", false, "ContentDeleted",
                "All content successfully deleted, may be waiting on finalization"
            ),
            resources.isEmpty
                ? ("NamespaceContentRemaining", false, "ContentRemoved", "All content successfully removed")
                : (
                    "NamespaceContentRemaining", true, "SomeResourcesRemain",
                    "Some resources are remaining: " + Self.listing(resources) { "\($0) has \($1) resource instances" }
                ),
            finalizers.isEmpty
                ? (
                    "NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers",
                    "All content-preserving finalizers finished"
                )
                : (
                    "NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: "
                        + Self.listing(finalizers) { "\($0) in \($1) resource instances" }
                ),
        ]
    }

    /// One phrase per entry, sorted as strings (as the controller sorts them), comma-separated.
    private static func listing(_ counts: [String: Int], _ phrase: (String, Int) -> String) -> String {
        counts.map(phrase).sorted().joined(separator: ", ")
    }
}
