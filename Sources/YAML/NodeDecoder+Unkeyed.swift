/// The unkeyed container over a sequence; paths gain `[index]`.
struct NodeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let node: Node
    let path: DecodingPath
    private let items: [Node]
    private(set) var currentIndex = 0

    init(decoder: NodeDecoder, node: Node, path: DecodingPath) throws {
        guard let items = node.sequence else { throw decoder.mismatch("a sequence", node, path) }
        self.decoder = decoder
        self.node = node
        self.path = path
        self.items = items
    }

    var codingPath: [any CodingKey] { path.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The next item and its path, without advancing; past the end, an error at the sequence.
    private func peek() throws -> (Node, DecodingPath) {
        let itemPath = path.appending(.index(currentIndex))
        guard !isAtEnd else {
            throw decoder.error(
                at: node.mark, itemPath, "expected another item, but the sequence has only \(items.count)")
        }
        return (items[currentIndex], itemPath)
    }

    /// Decodes the next item with `body` (handed the decoder so it need not capture `self`) and advances.
    private mutating func next<T>(_ body: (NodeDecoder, Node, DecodingPath) throws -> T) throws -> T {
        let (item, itemPath) = try peek()
        let value = try body(decoder, item, itemPath)
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        let (item, _) = try peek()
        if item.isNull { currentIndex += 1 }
        return item.isNull
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.unboxBool($1, $2) } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.unboxString($1, $2) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.unboxDouble($1, $2) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { try $0.unboxFloat($1, $2) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try next { decoder, node, path in try decoder.unboxInteger(type, node, path) }
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next { decoder, node, path in try decoder.unbox(type, from: node, at: path) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next { decoder, node, path in
            KeyedDecodingContainer(try NodeKeyedContainer<NestedKey>(decoder: decoder, node: node, path: path))
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { decoder, node, path in try NodeUnkeyedContainer(decoder: decoder, node: node, path: path) }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next { decoder, node, path in decoder.child(node, at: path) }
    }
}
