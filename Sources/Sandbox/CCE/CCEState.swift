import Foundation
import JSON

/// One CCE object and since when it has been in its current state.
struct CCEObject: Sendable {
    var object: JSONValue
    var since: Date
    var deleting = false

    var name: String { object.value(at: ["metadata", "name"])?.stringValue ?? "" }
    var id: String { object.value(at: ["metadata", "uid"])?.stringValue ?? "" }
    /// The cluster a node pool, add-on or job belongs to.
    var clusterID: String {
        object.value(at: ["spec", "clusterID"])?.stringValue ?? object.value(at: ["spec", "clusterUID"])?.stringValue
            ?? ""
    }
}

/// What a state change means for a cluster's Kubernetes API, applied after the CCE state is updated.
enum CCEEffect: Sendable {
    /// A cluster was created: it gets a Kubernetes API of its own, reporting the cluster's version
    /// (`v1.33` becomes `v1.33.0`; nil keeps the sandbox's).
    case addCluster(String, version: String?)
    /// A cluster is gone, and with it its Kubernetes API.
    case removeCluster(String)
    /// A node pool is ready: its nodes exist with its labels and taints (replacing earlier ones).
    case syncNodes(cluster: String, pool: JSONValue)
    /// A node pool is gone: so are its nodes.
    case removeNodes(cluster: String, pool: String)
    /// An add-on is running: what its chart creates exists.
    case addonInstalled(cluster: String, addon: JSONValue)
}

/// Everything the CCE API holds. Transitions are lazy: ``advance(now:configuration:)`` moves every object
/// whose state has lasted the configured delay on to the next one and reports the effects.
struct CCEState: Sendable {
    var clusters: [String: CCEObject] = [:]
    var jobs: [String: CCEObject] = [:]
    var nodePools: [String: CCEObject] = [:]
    var addons: [String: CCEObject] = [:]
    var tokens: [String: Date] = [:]
    var nextID = 1

    /// A state holding the seeded clusters, `Available` since `now`.
    init(seeding seeds: [CCEConfiguration.SeedCluster], at now: Date) {
        for seed in seeds {
            clusters[seed.id] = CCEObject(object: seed.object(createdAt: now), since: now)
        }
    }

    mutating func newID(_ prefix: String) -> String {
        defer { nextID += 1 }
        return "\(prefix)-\(String(format: "%04d", nextID))-0000-0000-000000000000"
    }

    mutating func advance(now: Date, configuration: CCEConfiguration) -> [CCEEffect] {
        let delay = configuration.transitionDelay
        func due(_ item: CCEObject) -> Bool { now.timeIntervalSince(item.since) >= delay }
        var effects: [CCEEffect] = []
        for (id, cluster) in clusters where due(cluster) {
            if cluster.deleting {
                clusters[id] = nil
                nodePools = nodePools.filter { $0.value.clusterID != id }
                addons = addons.filter { $0.value.clusterID != id }
                effects.append(.removeCluster(id))
            } else if cluster.object.value(at: ["status", "phase"]) == "Creating" {
                let fails = configuration.failingClusterNames.contains(cluster.name)
                clusters[id]?.object["status"]?["phase"] = .string(fails ? "Error" : "Available")
                if fails { clusters[id]?.object["status"]?["reason"] = "Insufficient ECS quota." }
            }
        }
        for (id, job) in jobs {
            let elapsed = now.timeIntervalSince(job.since)
            let fails =
                job.object.value(at: ["spec", "type"]) == "CreateCluster"
                && configuration.failingClusterNames.contains(
                    job.object.value(at: ["spec", "resourceName"])?.stringValue ?? "")
            let phase: String =
                elapsed >= delay ? (fails ? "Failed" : "Success") : elapsed < delay / 10 ? "Initializing" : "Running"
            jobs[id]?.object["status"] = [
                "phase": .string(phase), "reason": .string(phase == "Failed" ? "Insufficient ECS quota." : ""),
            ]
        }
        for (id, pool) in nodePools where due(pool) {
            if pool.deleting {
                nodePools[id] = nil
                effects.append(.removeNodes(cluster: pool.clusterID, pool: pool.name))
            } else if pool.object.value(at: ["status", "phase"]) == "Synchronizing"
                || (pool.object.value(at: ["status", "creatingNode"])?.intValue ?? 0) > 0
            {
                nodePools[id]?.object["status"] = [
                    "phase": "", "currentNode": pool.object.value(at: ["spec", "initialNodeCount"]) ?? 0,
                    "creatingNode": 0, "deletingNode": 0,
                ]
                effects.append(.syncNodes(cluster: pool.clusterID, pool: pool.object))
            }
        }
        for (id, addon) in addons where due(addon) {
            if addon.deleting {
                addons[id] = nil
            } else if addon.object.value(at: ["status", "status"]) == "installing" {
                addons[id]?.object["status"]?["status"] = "running"
                effects.append(.addonInstalled(cluster: addon.clusterID, addon: addon.object))
            }
        }
        return effects
    }

    /// The node pools or add-ons of a cluster, oldest first.
    func children(_ store: [String: CCEObject], of cluster: String) -> [CCEObject] {
        store.values.filter { $0.clusterID == cluster }.sorted { $0.id < $1.id }
    }
}
