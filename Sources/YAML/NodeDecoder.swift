import JSON

/// The `Decoder` over one node. Containers share its file and user info and carry their own paths.
final class NodeDecoder: Decoder {
    let node: Node
    let path: DecodingPath
    let file: String
    let userInfoValues: [CodingUserInfoKey: any Sendable]

    init(node: Node, path: DecodingPath, file: String, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.node = node
        self.path = path
        self.file = file
        self.userInfoValues = userInfo
    }

    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { userInfoValues }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try NodeKeyedContainer<Key>(decoder: self, node: node, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try NodeUnkeyedContainer(decoder: self, node: node, path: path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        NodeSingleValueContainer(decoder: self, node: node, path: path)
    }

    /// A decoder for a child node.
    func child(_ node: Node, at path: DecodingPath) -> NodeDecoder {
        NodeDecoder(node: node, path: path, file: file, userInfo: userInfoValues)
    }

    func error(at mark: Mark, _ path: DecodingPath, _ message: String) -> YAMLDecodingError {
        YAMLDecodingError(file: file, mark: mark, path: path.rendered, message: message)
    }

    func mismatch(_ expected: String, _ node: Node, _ path: DecodingPath) -> YAMLDecodingError {
        error(at: node.mark, path, "expected \(expected), found \(node.kindDescription)")
    }

    /// Decodes any `Decodable` from `node`: the single entry point every container goes through, so that
    /// `JSONValue` and `Node` get their direct conversions and every error comes out as a `YAMLDecodingError`.
    func unbox<T: Decodable>(_ type: T.Type, from node: Node, at path: DecodingPath) throws -> T {
        if T.self == Node.self, let value = node as? T { return value }
        if T.self == JSONValue.self {
            do {
                if let value = try node.toJSON() as? T { return value }
            } catch {
                throw self.error(at: error.mark, path, error.message)
            }
        }
        do {
            return try T(from: child(node, at: path))
        } catch let error as YAMLDecodingError {
            throw error
        } catch {
            throw translate(error, decoding: type, from: node, at: path)
        }
    }
}
