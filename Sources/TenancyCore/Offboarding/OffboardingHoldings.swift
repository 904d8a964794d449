import JSON

/// What an offboarding deletion takes with it and what may hold it up, for the reviewer: a namespace's volume
/// claims (data), LoadBalancer Services (an ELB and its EIP: money) and finalizers; a node pool's nodes; the
/// tenant's own cluster. Namespaces, node pools and clusters cannot be brought back by a rollback.
enum OffboardingHoldings {
    /// `change` marked irreversible with what it holds; `live` is `footprint.liveState`.
    static func annotated(_ change: PlannedChange, _ footprint: TenantFootprint, live: LiveState) -> PlannedChange {
        guard change.action == .delete else { return change }
        var change = change
        switch change.target {
        case .object(let key) where key.kind == "Namespace" && key.namespace == nil:
            change.irreversible = true
            let namespace = live.objects[key] ?? [:]
            change.holds =
                (footprint.contents[key.name] ?? []).flatMap(contentHoldings) + finalizers(namespace, key.description)
                + terminating(namespace, key.description)
        case .object:
            break
        case .cloud(let key):
            change.irreversible = true
            let body = live.cloud[key] ?? [:]
            change.holds = cloudHoldings(key, body)
        }
        return change
    }

    private static func contentHoldings(_ object: JSONValue) -> [Holding] {
        guard let key = ObjectKey(object: object) else { return [] }
        var holdings: [Holding] = []
        switch key.kind {
        case "PersistentVolumeClaim":
            let size =
                object["status"]?["capacity"]?["storage"]?.stringValue
                ?? object["spec"]?["resources"]?["requests"]?["storage"]?.stringValue ?? "unknown size"
            let storageClass = object["spec"]?["storageClassName"]?.stringValue.map { " on \($0)" } ?? ""
            let volume = object["spec"]?["volumeName"]?.stringValue.map { ", volume \($0)" } ?? ""
            holdings.append(Holding(kind: .data, object: key.description, detail: "\(size)\(storageClass)\(volume)"))
        case "Service" where object["spec"]?["type"]?.stringValue == "LoadBalancer":
            let addresses = (object["status"]?["loadBalancer"]?["ingress"]?.arrayValue ?? [])
                .compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }
            let elb =
                object["metadata"]?["annotations"]?["kubernetes.io/elb.id"]?.stringValue.map { ", ELB \($0)" } ?? ""
            let at = addresses.isEmpty ? "" : " at \(addresses.joined(separator: ", "))"
            holdings.append(
                Holding(
                    kind: .money, object: key.description,
                    detail: "LoadBalancer\(at)\(elb): its load balancer (and EIP, when public) is released"))
        default:
            break
        }
        return holdings + finalizers(object, key.description)
    }

    /// Each finalizer on the object but a namespace's `kubernetes` one, which the namespace controller clears.
    private static func finalizers(_ object: JSONValue, _ name: String) -> [Holding] {
        DeletionHolds.finalizers(object).filter { $0 != "kubernetes" }.map {
            Holding(kind: .finalizer, object: name, detail: "finalizer \($0)")
        }
    }

    /// Why a namespace already terminating has not gone: its True deletion conditions.
    private static func terminating(_ namespace: JSONValue, _ name: String) -> [Holding] {
        guard namespace["metadata"]?["deletionTimestamp"] != nil else { return [] }
        return [Holding(kind: .finalizer, object: name, detail: "already terminating")]
            + DeletionHolds.conditions(namespace).map { Holding(kind: .finalizer, object: name, detail: $0) }
    }

    private static func cloudHoldings(_ key: CloudKey, _ body: JSONValue) -> [Holding] {
        let spec = body["spec"] ?? [:]
        switch key.resource {
        case .nodePool:
            let nodes = body["status"]?["currentNode"]?.intValue ?? spec["initialNodeCount"]?.intValue ?? 0
            let flavor = spec["nodeTemplate"]?["flavor"]?.stringValue ?? "unknown flavor"
            return [
                Holding(
                    kind: .money, object: key.description,
                    detail: "\(nodes) node\(nodes == 1 ? "" : "s") of \(flavor), with their disks")
            ]
        case .cluster:
            let flavor = spec["flavor"]?.stringValue ?? "unknown flavor"
            return [
                Holding(
                    kind: .money, object: key.description, detail: "control plane \(flavor), its nodes and their disks"),
                Holding(kind: .data, object: key.description, detail: "every object and volume in the cluster"),
            ]
        case .addon:
            return []
        }
    }
}
