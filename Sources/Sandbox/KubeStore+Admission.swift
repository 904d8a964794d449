import Foundation
import JSON

/// What kube-apiserver's admission does to a create in a namespace, where the sandbox follows it: LimitRanger fills
/// a pod's containers' missing requests and limits from the namespace's LimitRanges (`defaultRequest`, `default`,
/// which default to `default` and `max`), after the pod's own defaulting (a limit without a request requests the
/// limit); then ResourceQuota refuses, 403 Forbidden with the real server's message, an object that would take a
/// quota of the namespace past its `hard`, or a pod that states no request or limit for a compute resource a quota
/// bounds. Usage is counted from the stored objects at that moment (`QuotaUsage`), as the real plugin counts from
/// the quota's status and what it admitted since. Not emulated: LimitRange min/max and ratio checks, and updates.
extension KubeStore {
    func admitCreate(_ object: JSONValue, as type: ResourceType, namespace: String) throws(KubeStatusError) -> JSONValue
    {
        var object = object
        let isPod = type.groupResource == GroupResource(group: "", resource: "pods")
        if isPod, let limitRanges = Builtin.type("limitranges", catalog) {
            object = Self.defaultingResources(object, list(limitRanges, namespace: namespace))
        }
        guard let quotaType = Builtin.type("resourcequotas", catalog) else { return object }
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let isClaim = type.groupResource == GroupResource(group: "", resource: "persistentvolumeclaims")
        for quota in list(quotaType, namespace: namespace) {
            let quotaName = quota["metadata"]?["name"]?.stringValue ?? ""
            let hard = quota["spec"]?["hard"]?.objectValue ?? [:]
            let requested = QuotaUsage(
                pods: isPod ? [object] : [], claims: isClaim ? [object] : [], counts: [type.groupResource: 1])
            if isPod {
                let missing = Self.unstated(object, hard.keys)
                if !missing.isEmpty {
                    throw .forbidden(
                        type.groupResource, name,
                        "failed quota: \(quotaName): must specify \(missing.joined(separator: "; "))")
                }
            }
            let used = quotaUsage(in: namespace, counting: hard.keys)
            var asked: [String] = [], inUse: [String] = [], limited: [String] = []
            for (key, hardValue) in hard.sorted(by: { $0.key < $1.key }) {
                guard let limit = ServerQuantity.value(hardValue) else { continue }
                let amount = requested.amount(key)
                guard amount > 0, used.amount(key) + amount > limit else { continue }
                asked.append("\(key)=\(requested.used(key))")
                inUse.append("\(key)=\(used.used(key))")
                limited.append("\(key)=\(QuotaUsage.text(limit, for: key))")
            }
            guard asked.isEmpty else {
                throw .forbidden(
                    type.groupResource, name,
                    "exceeded quota: \(quotaName), requested: \(asked.joined(separator: ",")), used: \(inUse.joined(separator: ",")), limited: \(limited.joined(separator: ","))"
                )
            }
        }
        return object
    }

    /// The pod with its defaults: requests from limits where only those are given, then what the LimitRanges'
    /// container items give for what is still missing.
    static func defaultingResources(_ pod: JSONValue, _ limitRanges: [JSONValue]) -> JSONValue {
        let items = limitRanges.flatMap { $0["spec"]?["limits"]?.arrayValue ?? [] }.filter { $0["type"] == "Container" }
        var defaultLimits: [String: JSONValue] = [:], defaultRequests: [String: JSONValue] = [:]
        for item in items {
            let limits = (item["max"]?.objectValue ?? [:]).merging(item["default"]?.objectValue ?? [:]) { $1 }
            defaultLimits.merge(limits) { first, _ in first }
            defaultRequests.merge(limits.merging(item["defaultRequest"]?.objectValue ?? [:]) { $1 }) { first, _ in first
            }
        }
        var pod = pod
        for list in ["containers", "initContainers"] {
            guard var containers = pod["spec"]?[list]?.arrayValue else { continue }
            for index in containers.indices {
                var resources = containers[index]["resources"] ?? [:]
                var limits = resources["limits"]?.objectValue ?? [:]
                var requests = resources["requests"]?.objectValue ?? [:]
                requests.merge(limits) { given, _ in given }
                limits.merge(defaultLimits) { given, _ in given }
                requests.merge(defaultRequests) { given, _ in given }
                if !limits.isEmpty { resources["limits"] = .object(limits) }
                if !requests.isEmpty { resources["requests"] = .object(requests) }
                containers[index]["resources"] = resources
            }
            pod["spec"]?[list] = .array(containers)
        }
        return pod
    }

    /// `limits.cpu for: app; requests.memory for: app,sidecar`: the compute resources among `keys` some container
    /// of the pod states no amount for.
    static func unstated(_ pod: JSONValue, _ keys: Dictionary<String, JSONValue>.Keys) -> [String] {
        let containers = ["containers", "initContainers"].flatMap { pod["spec"]?[$0]?.arrayValue ?? [] }
        let compute: [String: (String, String)] = [
            "requests.cpu": ("requests", "cpu"), "cpu": ("requests", "cpu"), "limits.cpu": ("limits", "cpu"),
            "requests.memory": ("requests", "memory"), "memory": ("requests", "memory"),
            "limits.memory": ("limits", "memory"),
        ]
        return keys.sorted().compactMap { key in
            guard let (kind, resource) = compute[key] else { return nil }
            let names = containers.filter { $0["resources"]?[kind]?[resource] == nil }.compactMap {
                $0["name"]?.stringValue
            }
            return names.isEmpty ? nil : "\(key) for: \(names.joined(separator: ","))"
        }
    }
}
