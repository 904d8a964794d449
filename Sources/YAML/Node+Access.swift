/// Read-only conveniences for validators walking a node tree.
extension Node {
    /// The scalar, if this node is one.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The key/value pairs in source order, if this node is a mapping.
    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The items, if this node is a sequence.
    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The string this node holds, if it is a scalar that resolved to a string.
    public var string: String? {
        if case .string(let text)? = scalar?.resolved { return text }
        return nil
    }

    /// True for a scalar that resolved to null (`~`, `null`, empty).
    public var isNull: Bool { scalar?.resolved == .null }

    /// The pair whose scalar key reads `key` (see `Scalar.keyString`), if this node is a mapping that has it.
    public func pair(forKey key: String) -> Pair? {
        mapping?.first { $0.key.scalar?.keyString == key }
    }

    /// The value under `key`, if this node is a mapping that has it.
    public subscript(key: String) -> Node? { pair(forKey: key)?.value }

    /// The item at `index`, if this node is a sequence that long.
    public subscript(index: Int) -> Node? {
        guard let items = sequence, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// "a mapping", "a sequence", or the scalar's kind and value (`string "abc"`), for error messages.
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let scalar): return scalar.resolved.kindDescription
        }
    }
}

extension Scalar {
    /// The string this scalar stands for as a mapping key, the way sigs.k8s.io/yaml turns keys into JSON
    /// object keys: strings as they are, `null`, `true`/`false`, integers in decimal (`0x10` → `16`),
    /// integral floats without a fraction (`1e3` → `1000`).
    public var keyString: String {
        switch resolved {
        case .string(let text): return text
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .float(let value):
            if value.isNaN { return "NaN" }
            if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
            if value == value.rounded(), abs(value) < 1e18 { return String(Int64(value)) }
            return "\(value)"
        }
    }
}

extension Scalar.Resolved {
    /// `null`, `boolean true`, `integer 3`, `float 1.5`, `string "abc"`: how error messages name a value.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "boolean \(value)"
        case .int(let value): return "integer \(value)"
        case .float(let value): return "float \(value)"
        case .string(let text):
            let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
            return "string \"\(shown.debugEscaped)\""
        }
    }
}

extension String {
    /// Quotes and newlines escaped, for showing a value inside double quotes in a message.
    var debugEscaped: String {
        var result = ""
        for character in unicodeScalars {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
