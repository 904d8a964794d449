import JSON

/// The fields one manager owns, as paths of `f:` tokens (`["f:spec", "f:hard", "f:pods"]`); a path ending in
/// `"."` claims a map itself. Converts to and from the `fieldsV1` form of `metadata.managedFields`.
///
/// Approximation: lists are owned as a whole (atomic), where the real server tracks items of associative
/// lists (`k:{"name":…}`) separately.
struct FieldSet: Hashable, Sendable {
    var paths: Set<[String]>

    init(_ paths: Set<[String]> = []) {
        self.paths = paths
    }

    /// Metadata the server owns; never part of a manager's set.
    private static let systemMetadata: Set<String> = [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields", "selfLink",
    ]

    /// Every leaf of `object` outside the server-owned members.
    static func leaves(of object: JSONValue) -> FieldSet {
        var paths: Set<[String]> = []
        collect(object, prefix: [], into: &paths)
        return FieldSet(paths)
    }

    private static func collect(_ value: JSONValue, prefix: [String], into paths: inout Set<[String]>) {
        guard case .object(let members) = value, !members.isEmpty || prefix.isEmpty else {
            paths.insert(prefix)
            return
        }
        for (key, child) in members {
            if prefix.isEmpty, key == "apiVersion" || key == "kind" { continue }
            if prefix == ["f:metadata"], systemMetadata.contains(key) { continue }
            collect(child, prefix: prefix + ["f:\(key)"], into: &paths)
        }
    }

    /// The fields an update from `old` to `new` set: changed or added leaves, and `"."` for each map it created.
    static func changes(from old: JSONValue, to new: JSONValue) -> FieldSet {
        var paths: Set<[String]> = []
        for path in leaves(of: new).paths where value(at: path, in: old) != value(at: path, in: new) {
            paths.insert(path)
            for length in stride(from: path.count - 1, through: 1, by: -1) {
                let parent = Array(path.prefix(length))
                guard parent != ["f:metadata"], value(at: parent, in: old) == nil else { break }
                paths.insert(parent + ["."])
            }
        }
        return FieldSet(paths)
    }

    /// Leaves of `old` that `new` no longer has.
    static func removals(from old: JSONValue, to new: JSONValue) -> FieldSet {
        FieldSet(Set(leaves(of: old).paths.filter { value(at: $0, in: new) == nil }))
    }

    /// The member at a path of `f:` tokens.
    static func value(at path: [String], in object: JSONValue) -> JSONValue? {
        var current: JSONValue? = object
        for token in path {
            guard token != "." else { return current }
            current = current?[String(token.dropFirst(2))]
        }
        return current
    }

    /// Removes the leaves at `paths` from `object`, and maps they leave empty.
    static func removing(_ paths: some Sequence<[String]>, from object: JSONValue) -> JSONValue {
        var result = object
        for path in paths where path.last != "." {
            result = remove(path.map { String($0.dropFirst(2)) }[...], from: result)
        }
        return result
    }

    private static func remove(_ keys: ArraySlice<String>, from value: JSONValue) -> JSONValue {
        guard case .object(var members) = value, let key = keys.first else { return value }
        if keys.count == 1 {
            members[key] = nil
        } else if let child = members[key] {
            let pruned = remove(keys.dropFirst(), from: child)
            if pruned == .object([:]) && child != .object([:]) {
                members.removeValue(forKey: key)
            } else {
                members[key] = pruned
            }
        }
        return .object(members)
    }

    /// The `fieldsV1` object.
    var fieldsV1: JSONValue {
        var root: JSONValue = .object([:])
        for path in paths {
            root = Self.insert(path[...], into: root)
        }
        return root
    }

    private static func insert(_ path: ArraySlice<String>, into node: JSONValue) -> JSONValue {
        guard let token = path.first else { return node }
        var members = node.objectValue ?? [:]
        members[token] = insert(path.dropFirst(), into: members[token] ?? .object([:]))
        return .object(members)
    }

    init(fieldsV1: JSONValue) {
        var paths: Set<[String]> = []
        Self.parse(fieldsV1, prefix: [], into: &paths)
        self.init(paths)
    }

    private static func parse(_ node: JSONValue, prefix: [String], into paths: inout Set<[String]>) {
        guard case .object(let members) = node, !members.isEmpty else {
            if !prefix.isEmpty { paths.insert(prefix) }
            return
        }
        for (key, child) in members { parse(child, prefix: prefix + [key], into: &paths) }
    }

    var isEmpty: Bool { paths.isEmpty }

    func subtracting(_ other: FieldSet) -> FieldSet { FieldSet(paths.subtracting(other.paths)) }
    func union(_ other: FieldSet) -> FieldSet { FieldSet(paths.union(other.paths)) }

    /// A path as the server prints it in conflicts: `.spec.hard.pods`.
    static func display(_ path: [String]) -> String {
        path.map { "." + $0.dropFirst(2) }.joined()
    }
}
