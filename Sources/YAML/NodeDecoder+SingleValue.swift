/// The single-value container: the node itself.
struct NodeSingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    let node: Node
    let path: DecodingPath

    var codingPath: [any CodingKey] { path.codingPath }

    func decodeNil() -> Bool { node.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.unboxBool(node, path) }
    func decode(_ type: String.Type) throws -> String { try decoder.unboxString(node, path) }
    func decode(_ type: Double.Type) throws -> Double { try decoder.unboxDouble(node, path) }
    func decode(_ type: Float.Type) throws -> Float { try decoder.unboxFloat(node, path) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.unboxInteger(type, node, path) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.unboxInteger(type, node, path) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.unboxInteger(type, node, path) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.unboxInteger(type, node, path) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.unboxInteger(type, node, path) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.unboxInteger(type, node, path) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.unboxInteger(type, node, path) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.unboxInteger(type, node, path) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.unboxInteger(type, node, path) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.unboxInteger(type, node, path) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.unbox(type, from: node, at: path) }
}
