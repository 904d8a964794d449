import JSON

/// Names one object: its kind (apiVersion + kind), name and, for namespaced kinds, namespace.
/// A nil namespace on a namespaced kind means the client's default namespace.
public struct ObjectReference: Sendable, Hashable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var namespace: String?

    public init(apiVersion: String, kind: String, name: String, namespace: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// The reference of a full object, read from `apiVersion`, `kind`, `metadata.name` and `metadata.namespace`.
    public init(of object: JSONValue) throws(ObjectShapeError) {
        guard let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            throw ObjectShapeError(missing: "apiVersion")
        }
        guard let kind = object["kind"]?.stringValue, !kind.isEmpty else { throw ObjectShapeError(missing: "kind") }
        guard let name = object.value(at: ["metadata", "name"])?.stringValue, !name.isEmpty else {
            throw ObjectShapeError(missing: "metadata.name")
        }
        self.init(
            apiVersion: apiVersion, kind: kind, name: name,
            namespace: object.value(at: ["metadata", "namespace"])?.stringValue)
    }

    public var description: String {
        let place = namespace.map { " in namespace \($0)" } ?? ""
        return "\(kind) \(name) (\(apiVersion))\(place)"
    }
}

/// An object handed to the client without a field the request needs.
public struct ObjectShapeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var missing: String

    public init(missing: String) { self.missing = missing }

    public var description: String { "the object has no \(missing)" }
}

/// The items of a list and the list's `resourceVersion`, for a later consistent read or watch.
public struct ObjectList: Sendable, Hashable {
    /// The objects, each with `apiVersion` and `kind` filled in (the server leaves them out of list items).
    public var items: [JSONValue]
    public var resourceVersion: String

    public init(items: [JSONValue], resourceVersion: String) {
        self.items = items
        self.resourceVersion = resourceVersion
    }
}

/// What happens to an object's dependents when it is deleted.
public enum PropagationPolicy: String, Sendable, Hashable {
    /// Delete dependents in the background after the object is gone (the server's default for most kinds).
    case background = "Background"
    /// Delete dependents first; the object stays, with a finalizer, until they are gone.
    case foreground = "Foreground"
    /// Leave dependents in place.
    case orphan = "Orphan"
}
