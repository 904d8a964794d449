import Foundation
import JSON

/// A change to a stored object, as a watch would report it.
public struct StoreEvent: Sendable {
    public enum Kind: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }
    public var kind: Kind
    public var type: ResourceType
    public var object: JSONValue
}

/// The objects of one Kubernetes API, stored generically by group, resource, namespace and name.
///
/// Each write takes the next value of a global counter as its `resourceVersion`; creates set `uid`,
/// `creationTimestamp` and (for kinds that track it) `generation`. Writes report ``StoreEvent``s to
/// subscribers (the controllers, watches) and, with a state directory, persist a snapshot atomically.
/// One store per cluster: a multi-cluster sandbox mounts one store per path prefix.
public actor KubeStore {
    struct Key: Hashable, Comparable {
        var resource: GroupResource
        var namespace: String
        var name: String

        static func < (a: Key, b: Key) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
    }

    public nonisolated let catalog: ResourceCatalog
    var objects: [Key: JSONValue] = [:]
    var revision: Int64 = 0
    private let persistence: StatePersistence?
    /// Objects changed since the last `persist()`, in order.
    private var unsaved: [Key] = []
    private var subscribers: [UUID: AsyncStream<StoreEvent>.Continuation] = [:]
    /// Set once event streams are finished: later subscribers get a finished stream.
    private var eventStreamsFinished = false
    /// Recent changes, oldest first, for watches that start from a resourceVersion.
    private var history: [(revision: Int64, event: StoreEvent)] = []
    private static let historyLimit = 1000

    /// A store serving `catalog`; with `stateDirectory`, it starts from the snapshot there and keeps it current.
    public init(catalog: ResourceCatalog, stateDirectory: URL? = nil) throws {
        self.catalog = catalog
        self.persistence = stateDirectory.map { StatePersistence(directory: $0) }
        if let snapshot = try persistence?.load() {
            self.revision = snapshot.revision
            for entry in snapshot.objects {
                guard let object = entry.object, let key = Self.key(of: object, resource: entry.resource) else {
                    continue
                }
                objects[key] = object
            }
        }
    }

    /// The latest resourceVersion handed out.
    public var resourceVersion: String { String(revision) }

    /// The object, or a `NotFound` error.
    public func get(_ type: ResourceType, namespace: String?, name: String) throws(KubeStatusError) -> JSONValue {
        guard let object = objects[key(type, namespace, name)] else { throw .notFound(type.groupResource, name) }
        return object
    }

    /// The object if it exists.
    public func object(_ type: ResourceType, namespace: String?, name: String) -> JSONValue? {
        objects[key(type, namespace, name)]
    }

    /// Objects of `type` (in `namespace`, or in all namespaces when nil) matching `selector`, ordered by
    /// namespace and name.
    public func list(
        _ type: ResourceType, namespace: String? = nil, selector: LabelSelector = LabelSelector(requirements: [])
    ) -> [JSONValue] {
        objects.filter { key, object in
            key.resource == type.groupResource && (namespace == nil || key.namespace == namespace)
                && selector.matches(Self.labels(of: object))
        }
        .sorted { $0.key < $1.key }
        .map(\.value)
    }

    /// Every change from now on, until the store is shut down or the consumer stops.
    public func events() -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream<StoreEvent>.makeStream(bufferingPolicy: .unbounded)
        if eventStreamsFinished {
            continuation.finish()
            return stream
        }
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    /// How many event streams are open (the controllers' and the watches'): a test waits for its watch to be one.
    public var eventStreamCount: Int { subscribers.count }

    /// Lets event streams run again after ``finishEventStreams()`` (a restarted server).
    func openEventStreams() {
        eventStreamsFinished = false
    }

    /// Ends every event stream, present and future (watches see their response end).
    func finishEventStreams() {
        eventStreamsFinished = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    func publish(_ kind: StoreEvent.Kind, _ type: ResourceType, _ object: JSONValue) {
        let event = StoreEvent(kind: kind, type: type, object: object)
        if persistence != nil, let name = object["metadata"]?["name"]?.stringValue {
            unsaved.append(key(type, object["metadata"]?["namespace"]?.stringValue, name))
        }
        history.append((revision, event))
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        for continuation in subscribers.values { continuation.yield(event) }
    }

    /// What a watch of `type` starts with, and the changes after it, read atomically so nothing falls between.
    /// Without `since`, the start is the current objects (as ADDED); with it, the remembered changes after
    /// that version (410 Expired when they are no longer remembered).
    func watch(_ type: ResourceType, namespace: String?, since: String?) throws(KubeStatusError)
        -> (initial: [StoreEvent], changes: AsyncStream<StoreEvent>)
    {
        let initial: [StoreEvent]
        if let since {
            guard let version = Int64(since) else { throw .badRequest("invalid resourceVersion \"\(since)\"") }
            if let oldest = history.first?.revision, version < oldest - 1, version < revision {
                throw KubeStatusError(
                    code: 410, reason: "Expired", message: "too old resource version: \(version) (\(oldest - 1))")
            }
            initial = history.filter { $0.revision > version && $0.event.type.groupResource == type.groupResource }
                .map(\.event)
        } else {
            initial = list(type, namespace: namespace).map { StoreEvent(kind: .added, type: type, object: $0) }
        }
        return (initial, events())
    }

    func nextResourceVersion() -> String {
        revision += 1
        return String(revision)
    }

    /// Saves the objects changed since the last call if the store persists; a failure to persist is reported, not
    /// swallowed.
    func persist() throws(KubeStatusError) {
        guard let persistence, !unsaved.isEmpty else { return }
        var seen = Set<Key>()
        let changes = unsaved.filter { seen.insert($0).inserted }.map { key in
            StatePersistence.Entry(
                resource: key.resource, namespace: key.namespace, name: key.name, object: objects[key])
        }
        do {
            try persistence.record(changes, revision: revision, count: objects.count) {
                objects.sorted { ($0.key.resource.description, $0.key) < ($1.key.resource.description, $1.key) }
                    .map {
                        StatePersistence.Entry(
                            resource: $0.key.resource, namespace: $0.key.namespace, name: $0.key.name, object: $0.value)
                    }
            }
            unsaved = []
        } catch {
            throw KubeStatusError(
                code: 500, reason: "InternalError", message: "sandbox could not persist its state: \(error)")
        }
    }

    func key(_ type: ResourceType, _ namespace: String?, _ name: String) -> Key {
        Key(resource: type.groupResource, namespace: type.isNamespaced ? namespace ?? "" : "", name: name)
    }

    static func key(of object: JSONValue, resource: GroupResource) -> Key? {
        guard let name = object["metadata"]?["name"]?.stringValue else { return nil }
        return Key(resource: resource, namespace: object["metadata"]?["namespace"]?.stringValue ?? "", name: name)
    }

    static func labels(of object: JSONValue) -> [String: String] {
        (object["metadata"]?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }
}
