/// Where a value sits in a document, as keys and sequence indices, rendered the way Kubernetes names
/// fields: `spec.owners[1].group`, with keys that are not plain words quoted (`labels["app.kubernetes.io/name"]`).
struct DecodingPath: Sendable {
    enum Component: Sendable {
        case key(String)
        case index(Int)
    }

    private(set) var components: [Component] = []

    func appending(_ component: Component) -> DecodingPath {
        var copy = self
        copy.components.append(component)
        return copy
    }

    func appending(key: some CodingKey) -> DecodingPath { appending(.key(key.stringValue)) }

    var rendered: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where Self.isWord(key):
                text += text.isEmpty ? key : "." + key
            case .key(let key):
                text += "[\"\(key.debugEscaped)\"]"
            }
        }
        return text
    }

    var codingPath: [any CodingKey] {
        components.map { component in
            switch component {
            case .key(let key): return PathKey(stringValue: key)
            case .index(let index): return PathKey(intValue: index)
            }
        }
    }

    private static func isWord(_ key: String) -> Bool {
        !key.isEmpty
            && key.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "-")
            }
    }
}

/// A coding key for `Decoder.codingPath`: a mapping key or a sequence index.
struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}
