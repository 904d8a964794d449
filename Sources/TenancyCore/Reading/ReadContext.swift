import YAML

/// Collects what reading a document finds: diagnostics, and the source mark of every field read,
/// so that rules checked later can point at the right line and column.
final class ReadContext {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var marks: [FieldPath: Mark] = [:]

    init(file: String) { self.file = file }

    func error(_ message: String, at mark: Mark, path: FieldPath) {
        diagnostics.append(
            Diagnostic(file: file, line: mark.line, column: mark.column, path: path.description, message: message))
    }

    func record(_ path: FieldPath, _ mark: Mark) { marks[path] = mark }
}

/// A mapping node being read: reports unknown keys on creation, missing keys when asked.
struct MappingReader {
    let context: ReadContext
    let node: Node
    let path: FieldPath
    private let entries: [String: Node]

    /// Reads `node` as a mapping allowing `keys`; reports a non-mapping, non-string keys and unknown keys.
    init?(_ context: ReadContext, _ node: Node, path: FieldPath, keys: [String]) {
        self.context = context
        self.node = node
        self.path = path
        context.record(path, node.mark)
        guard case .mapping(let pairs) = node.content else {
            context.error(
                "expected a mapping with fields \(keys.joined(separator: ", ")), found \(node.readableKind)",
                at: node.mark, path: path)
            return nil
        }
        var entries: [String: Node] = [:]
        for pair in pairs {
            guard case .scalar(let key) = pair.key.content else {
                context.error(
                    "a field name must be a plain string, found \(pair.key.readableKind)", at: pair.key.mark, path: path
                )
                continue
            }
            guard keys.contains(key.text) else {
                context.error(
                    "unknown field \"\(key.text)\"\(Suggestion.hint(for: key.text, in: keys))", at: pair.key.mark,
                    path: path.appending(key.text))
                continue
            }
            entries[key.text] = pair.value
        }
        self.entries = entries
    }

    /// The value of `key`; a missing or null value is nil, reported when `required`.
    func value(_ key: String, required: Bool = false) -> Node? {
        if let value = entries[key], !value.isNull {
            context.record(path.appending(key), value.mark)
            return value
        }
        if required {
            context.error(
                "missing required field \"\(key)\"", at: entries[key]?.mark ?? node.mark, path: path.appending(key))
        }
        return nil
    }

    func has(_ key: String) -> Bool { entries[key].map { !$0.isNull } ?? false }

    func mapping(_ key: String, keys: [String], required: Bool = false) -> MappingReader? {
        value(key, required: required).flatMap { MappingReader(context, $0, path: path.appending(key), keys: keys) }
    }

    func string(_ key: String, required: Bool = false) -> String? {
        value(key, required: required).flatMap { ScalarReader.string($0, path: path.appending(key), context) }
    }

    func int(_ key: String, required: Bool = false, minimum: Int64? = nil) -> Int64? {
        value(key, required: required).flatMap {
            ScalarReader.int($0, path: path.appending(key), context, minimum: minimum)
        }
    }

    func bool(_ key: String, required: Bool = false) -> Bool? {
        value(key, required: required).flatMap { ScalarReader.bool($0, path: path.appending(key), context) }
    }

    func quantity(_ key: String, required: Bool = false) -> Quantity? {
        value(key, required: required).flatMap { ScalarReader.quantity($0, path: path.appending(key), context) }
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false) -> E?
    where E.RawValue == String {
        value(key, required: required).flatMap { ScalarReader.choice($0, type, path: path.appending(key), context) }
    }

    /// A sequence; each element read by `element`, failures dropped (they were reported).
    func list<T>(_ key: String, required: Bool = false, element: (Node, FieldPath) -> T?) -> [T]? {
        guard let node = value(key, required: required) else { return nil }
        guard case .sequence(let items) = node.content else {
            context.error("expected a list, found \(node.readableKind)", at: node.mark, path: path.appending(key))
            return nil
        }
        return items.enumerated().compactMap { index, item in
            let itemPath = path.appending(key).appending(index: index)
            context.record(itemPath, item.mark)
            return element(item, itemPath)
        }
    }
}

extension Node {
    /// How a node reads in a message: "a mapping", "a list", `the number 1.30`, `the string "x"`.
    var readableKind: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            switch s.resolved {
            case .null: return "nothing (null)"
            case .bool: return "the boolean \(s.text)"
            case .int, .float: return "the number \(s.text)"
            case .string: return "the string \"\(s.text)\""
            }
        }
    }
}
