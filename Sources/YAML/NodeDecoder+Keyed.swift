/// The keyed container over a mapping. Keys are matched by `Scalar.keyString`; a missing required key is
/// an error at the mapping's mark, a wrong value at the value's mark.
struct NodeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let node: Node
    let path: DecodingPath
    private let pairs: [Pair]
    private let index: [String: Int]
    private let usage: KeyUsage?

    init(decoder: NodeDecoder, node: Node, path: DecodingPath) throws {
        guard let pairs = node.mapping else { throw decoder.mismatch("a mapping", node, path) }
        self.decoder = decoder
        self.node = node
        self.path = path
        self.pairs = pairs
        var index: [String: Int] = [:]
        for (position, pair) in pairs.enumerated() {
            guard let key = pair.key.scalar else { continue }
            index[key.keyString] = position
        }
        self.index = index
        usage = decoder.context.keyLog?.record(node, at: path)
    }

    var codingPath: [any CodingKey] { path.codingPath }

    var allKeys: [Key] {
        usage?.allAsked = true
        return pairs.compactMap { pair in pair.key.scalar.flatMap { Key(stringValue: $0.keyString) } }
    }

    func contains(_ key: Key) -> Bool {
        usage?.asked.insert(key.stringValue)
        return index[key.stringValue] != nil
    }

    /// The value under `key`, or a "missing required key" error at the mapping.
    private func value(_ key: Key) throws -> (Node, DecodingPath) {
        let childPath = path.appending(key: key)
        usage?.asked.insert(key.stringValue)
        guard let position = index[key.stringValue] else {
            throw decoder.error(at: node.mark, childPath, "missing required key \"\(key.stringValue.debugEscaped)\"")
        }
        return (pairs[position].value, childPath)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).0.isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let (node, path) = try value(key)
        return try decoder.unboxBool(node, path)
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let (node, path) = try value(key)
        return try decoder.unboxString(node, path)
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        let (node, path) = try value(key)
        return try decoder.unboxDouble(node, path)
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        let (node, path) = try value(key)
        return try decoder.unboxFloat(node, path)
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws -> T {
        let (node, path) = try value(key)
        return try decoder.unboxInteger(type, node, path)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (node, path) = try value(key)
        return try decoder.unbox(type, from: node, at: path)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let (node, path) = try value(key)
        return KeyedDecodingContainer(try NodeKeyedContainer<NestedKey>(decoder: decoder, node: node, path: path))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let (node, path) = try value(key)
        return try NodeUnkeyedContainer(decoder: decoder, node: node, path: path)
    }

    func superDecoder() throws -> any Decoder {
        let superPath = path.appending(.key("super"))
        usage?.asked.insert("super")
        guard let position = index["super"] else {
            return decoder.child(Node(.scalar(.plain("")), mark: node.mark), at: superPath)
        }
        return decoder.child(pairs[position].value, at: superPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        let (node, path) = try value(key)
        return decoder.child(node, at: path)
    }
}
