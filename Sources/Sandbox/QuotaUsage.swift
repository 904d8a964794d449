import Foundation
import JSON

/// What kube-controller-manager's quota evaluators count in one namespace for a ResourceQuota's resource names:
/// `pods` and compute (`requests.cpu`/`cpu`, `limits.cpu`, the same for memory) over pods that are not finished
/// (phase Succeeded or Failed), each pod's amount as the scheduler's `PodRequests`/`PodLimits` give it — its
/// containers' sum, or its largest init container if more (sidecars, init containers with `restartPolicy: Always`,
/// running beside the rest), or the pod-level `spec.resources` where set, plus `spec.overhead` (for limits, only
/// where the pod has one); `requests.storage` over claims (the larger of the requested and the allocated size);
/// every other counted kind (`services`, `persistentvolumeclaims`, `count/deployments.apps`, …) by its objects.
struct QuotaUsage {
    let pods: [JSONValue]
    let claims: [JSONValue]
    /// How many objects the namespace holds of each kind a resource name counts (`counted`).
    let counts: [GroupResource: Int]

    /// The amount used of `resource`, as the controller writes it in `status.used`.
    func used(_ resource: String) -> String { Self.text(amount(resource), for: resource) }

    /// An amount of `resource` as the server writes it: objects as a number, cpu in cores or millicores, bytes.
    static func text(_ value: Decimal, for resource: String) -> String {
        isCount(resource) ? "\(value)" : ServerQuantity.text(value, cpu: resource.hasSuffix("cpu"))
    }

    /// The amount used of `resource`, in base units (cores, bytes, objects).
    func amount(_ resource: String) -> Decimal {
        switch resource {
        case "pods": return Decimal(running.count)
        case "requests.cpu", "cpu": return compute("cpu", "requests")
        case "limits.cpu": return compute("cpu", "limits")
        case "requests.memory", "memory": return compute("memory", "requests")
        case "limits.memory": return compute("memory", "limits")
        case "requests.storage":
            return claims.reduce(Decimal(0)) { sum, claim in
                let requested = ServerQuantity.value(claim["spec"]?["resources"]?["requests"]?["storage"]) ?? 0
                let allocated = ServerQuantity.value(claim["status"]?["allocatedResources"]?["storage"]) ?? 0
                return sum + max(requested, allocated)
            }
        default: return Decimal(Self.counted(resource).flatMap { counts[$0] } ?? 0)
        }
    }

    /// Whether `resource` counts objects (written as a whole number) rather than an amount.
    static func isCount(_ resource: String) -> Bool { resource == "pods" || counted(resource) != nil }

    /// The kind whose objects a resource name counts: `count/deployments.apps`, or a core kind by its plural.
    static func counted(_ resource: String) -> GroupResource? {
        if resource.hasPrefix("count/") {
            let parts = resource.dropFirst("count/".count).split(separator: ".", maxSplits: 1).map(String.init)
            return GroupResource(group: parts.count > 1 ? parts[1] : "", resource: parts[0])
        }
        let core: Set<String> = [
            "services", "configmaps", "secrets", "persistentvolumeclaims", "resourcequotas", "replicationcontrollers",
        ]
        return core.contains(resource) ? GroupResource(group: "", resource: resource) : nil
    }

    private var running: [JSONValue] {
        pods.filter { !["Succeeded", "Failed"].contains($0["status"]?["phase"]?.stringValue ?? "") }
    }

    private func compute(_ name: String, _ kind: String) -> Decimal {
        running.reduce(Decimal(0)) { $0 + Self.podAmount($1, name, kind) }
    }

    /// One pod's `requests` or `limits` of `name`, as `PodRequests`/`PodLimits` compute it.
    static func podAmount(_ pod: JSONValue, _ name: String, _ kind: String) -> Decimal {
        let spec = pod["spec"] ?? .null
        func amount(_ container: JSONValue) -> Decimal {
            ServerQuantity.value(container["resources"]?[kind]?[name]) ?? 0
        }
        var total: Decimal
        if let podLevel = ServerQuantity.value(spec["resources"]?[kind]?[name]) {
            total = podLevel
        } else {
            total = (spec["containers"]?.arrayValue ?? []).reduce(Decimal(0)) { $0 + amount($1) }
            var sidecars = Decimal(0), largestInit = Decimal(0)
            for container in spec["initContainers"]?.arrayValue ?? [] {
                if container["restartPolicy"]?.stringValue == "Always" {
                    total += amount(container)
                    sidecars += amount(container)
                    largestInit = max(largestInit, sidecars)
                } else {
                    largestInit = max(largestInit, amount(container) + sidecars)
                }
            }
            total = max(total, largestInit)
        }
        // The runtime's overhead adds to every pod's requests, and to its limits only where it has one.
        guard kind == "requests" || total > 0 else { return total }
        return total + (ServerQuantity.value(spec["overhead"]?[name]) ?? 0)
    }
}
