import JSON

/// Conversion between node trees and `JSONValue`, the way Kubernetes turns YAML into JSON.
extension Node {
    /// The JSON value of this node: scalars by their resolution, mapping keys by `Scalar.keyString`.
    /// A mapping key that is not a scalar is an error at the key's mark; a node does not know its file,
    /// so that error's `file` is empty — `toJSON(file:)` fills it in.
    /// Non-finite floats (`.inf`, `.nan`) stay `.double`; `JSONValue.jsonData` writes them as null.
    public func toJSON() throws(YAMLError) -> JSONValue {
        switch content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .int(let value): return .int(value)
            case .float(let value): return .double(value)
            case .string(let text): return .string(text)
            }
        case .sequence(let items):
            var array: [JSONValue] = []
            array.reserveCapacity(items.count)
            for item in items { array.append(try item.toJSON()) }
            return .array(array)
        case .mapping(let pairs):
            var object: [String: JSONValue] = [:]
            object.reserveCapacity(pairs.count)
            for pair in pairs {
                guard let key = pair.key.scalar else {
                    throw YAMLError(
                        file: "", mark: pair.key.mark,
                        message: "a mapping key must be a scalar to convert to JSON, found \(pair.key.kindDescription)")
                }
                object[key.keyString] = try pair.value.toJSON()
            }
            return .object(object)
        }
    }

    /// The JSON value at `file` (the file name goes into any error).
    public func toJSON(file: String) throws(YAMLError) -> JSONValue {
        do {
            return try toJSON()
        } catch {
            throw YAMLError(file: file, mark: error.mark, message: error.message)
        }
    }

    /// A node tree for a JSON value, marked `Mark.unknown`; object keys are sorted so the tree is stable.
    /// Strings that would read back as something else (`"true"`, `"12"`) get the double-quoted style.
    public init(json: JSONValue) {
        switch json {
        case .null: self.init(.scalar(Scalar(text: "null", style: .plain, resolved: .null)), mark: .unknown)
        case .bool(let value): self.init(.scalar(Scalar.plain(value ? "true" : "false")), mark: .unknown)
        case .int(let value): self.init(.scalar(Scalar.plain(String(value))), mark: .unknown)
        case .double(let value):
            self.init(
                .scalar(Scalar(text: Scalar.floatText(value), style: .plain, resolved: .float(value))), mark: .unknown)
        case .string(let text):
            let style: Scalar.Style = Scalar.resolvePlain(text) == .string(text) ? .plain : .doubleQuoted
            self.init(.scalar(Scalar(text: text, style: style, resolved: .string(text))), mark: .unknown)
        case .array(let items):
            self.init(.sequence(items.map(Node.init(json:))), mark: .unknown)
        case .object(let members):
            let pairs = members.sorted { $0.key < $1.key }.map { key, value in
                Pair(key: Node(json: .string(key)), value: Node(json: value))
            }
            self.init(.mapping(pairs), mark: .unknown)
        }
    }
}

extension Scalar {
    /// Text for a float that reads back as the same float: `.inf`, `-.inf`, `.nan`, or Swift's shortest
    /// round-tripping form (`1.5`, `1e+100`, `1000.0`).
    static func floatText(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        return "\(value)"
    }
}
