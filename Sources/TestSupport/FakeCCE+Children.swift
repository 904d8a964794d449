import Foundation
import JSON
import KubeAPI

/// Node pools and add-ons: objects in a cluster that become ready after some polls and, once deleted,
/// answer 404 after some more.
extension FakeCCE {
    /// Where a kind of child object is stored and how its state reads.
    struct ChildKind {
        var store: WritableKeyPath<State, [String: Stored]>
        /// The status field: `status.phase` for node pools, `status.status` for add-ons.
        var statePath: [String]
        var starting: String
        var ready: String
        var deleting: String
    }

    static var nodePoolKind: ChildKind {
        ChildKind(
            store: \.nodePools, statePath: ["status", "phase"], starting: "Synchronizing", ready: "",
            deleting: "Deleting")
    }
    static var addonKind: ChildKind {
        ChildKind(
            store: \.addons, statePath: ["status", "status"], starting: "installing", ready: "running",
            deleting: "deleting")
    }

    /// Stores a new child with its starting state and returns it as created.
    func insertChild(_ object: JSONValue, id: String, kind: ChildKind, state: inout State) -> JSONValue {
        var object = object
        object["metadata"]?["uid"] = .string(id)
        object["metadata"]?["creationTimestamp"] = .string(Self.timestamp(configuration.now()))
        let polls = configuration.readinessPolls
        object[kind.statePath[0]] = [kind.statePath[1]: .string(polls > 0 ? kind.starting : kind.ready)]
        state[keyPath: kind.store][id] = Stored(object: object, pollsLeft: polls)
        return object
    }

    /// `GET` of a child: one poll, then the object or 404.
    func getChild(_ id: String, kind: ChildKind, state: inout State) -> HTTPResponse {
        guard var stored = state[keyPath: kind.store][id] else { return Self.notFound }
        let done = Self.tick(&stored)
        if stored.deleting && done {
            state[keyPath: kind.store][id] = nil
            return Self.notFound
        }
        if done && !stored.deleting { stored.object[kind.statePath[0]]?[kind.statePath[1]] = .string(kind.ready) }
        state[keyPath: kind.store][id] = stored
        return .json(200, stored.object)
    }

    /// `DELETE` of a child: marks it deleting; it answers 404 after `deletionPolls` polls.
    func deleteChild(_ id: String, kind: ChildKind, state: inout State) -> JSONValue? {
        guard var stored = state[keyPath: kind.store][id] else { return nil }
        stored.deleting = true
        stored.pollsLeft = configuration.deletionPolls
        stored.object[kind.statePath[0]]?[kind.statePath[1]] = .string(kind.deleting)
        state[keyPath: kind.store][id] = configuration.deletionPolls == 0 ? nil : stored
        return stored.object
    }

    /// The children whose field at `path` equals `value` (all when `value` is nil), by creation order.
    func children(_ kind: ChildKind, where path: [String], is value: String?, state: State) -> [JSONValue] {
        state[keyPath: kind.store].sorted { $0.key < $1.key }.map(\.value.object)
            .filter { object in value.map { object.value(at: path)?.stringValue == $0 } ?? true }
    }

    static func list(_ items: [JSONValue], kind: String = "List") -> HTTPResponse {
        .json(200, ["kind": .string(kind), "apiVersion": "v3", "items": .array(items)])
    }

    // MARK: - node pools

    /// `…/clusters/{cluster}/nodepools[/{id}]`.
    func nodePools(_ request: HTTPRequest, cluster: String, _ rest: [String], state: inout State) -> HTTPResponse {
        let kind = Self.nodePoolKind
        let inCluster = children(kind, where: ["spec", "clusterID"], is: cluster, state: state)
        switch (request.method, rest.first) {
        case (.get, nil):
            return Self.list(inCluster.map(Self.withoutClusterID))
        case (.post, nil):
            guard var pool = Self.body(of: request), let name = pool.value(at: ["metadata", "name"])?.stringValue,
                pool.value(at: ["spec", "nodeTemplate", "flavor"]) != nil
            else { return Self.badRequest("Invalid request: metadata.name and spec.nodeTemplate.flavor are required.") }
            if inCluster.contains(where: { $0.value(at: ["metadata", "name"]) == .string(name) }) {
                return Self.error(409, "CCE.02409001", "Resource already exists: node pool \(name).")
            }
            pool["spec"]?["clusterID"] = .string(cluster)
            let created = insertChild(pool, id: state.newID("np"), kind: kind, state: &state)
            return .json(201, Self.withoutClusterID(created))
        case (.get, let id?):
            let response = getChild(id, kind: kind, state: &state)
            return (try? JSONValue.parse(response.body)).map { .json(response.status, Self.withoutClusterID($0)) }
                ?? response
        case (.put, let id?):
            guard var stored = state.nodePools[id], let update = Self.body(of: request),
                let spec = update["spec"], spec["initialNodeCount"] != nil
            else {
                return state.nodePools[id] == nil
                    ? Self.notFound : Self.badRequest("spec.initialNodeCount is required.")
            }
            for (key, value) in spec.objectValue ?? [:] { stored.object["spec"]?[key] = value }
            state.nodePools[id] = stored
            return .json(200, Self.withoutClusterID(stored.object))
        case (.delete, let id?):
            return deleteChild(id, kind: kind, state: &state).map { .json(200, Self.withoutClusterID($0)) }
                ?? Self.notFound
        default:
            return Self.notFound
        }
    }

    /// Node pools are kept with their cluster's ID, which the API does not show.
    private static func withoutClusterID(_ pool: JSONValue) -> JSONValue {
        var pool = pool
        if case .object(var spec)? = pool["spec"] {
            spec["clusterID"] = nil
            pool["spec"] = .object(spec)
        }
        return pool
    }
}
