import JSON

/// What every decoder of one `YAMLDecoder.decode` call shares.
final class DecodingContext {
    let file: String
    let userInfo: [CodingUserInfoKey: any Sendable]
    /// The keys each decoded mapping was asked for, when unknown keys are rejected.
    let keyLog: KeyUsageLog?

    init(file: String, userInfo: [CodingUserInfoKey: any Sendable], keyLog: KeyUsageLog?) {
        self.file = file
        self.userInfo = userInfo
        self.keyLog = keyLog
    }
}

/// The `Decoder` over one node. Containers share its context and carry their own paths.
final class NodeDecoder: Decoder {
    let node: Node
    let path: DecodingPath
    let context: DecodingContext

    init(node: Node, path: DecodingPath, context: DecodingContext) {
        self.node = node
        self.path = path
        self.context = context
    }

    var file: String { context.file }
    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

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
        NodeDecoder(node: node, path: path, context: context)
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
        if T.self == Node.self || T.self == JSONValue.self, node.mapping != nil {
            context.keyLog?.record(node, at: path).allAsked = true  // free-form: every key is wanted
        }
        if T.self == Node.self, let value = node as? T { return value }
        if T.self == JSONValue.self {
            do {
                if let value = try node.toJSON() as? T { return value }
            } catch {
                throw self.error(at: error.mark, path, error.message)
            }
        }
        // A failed attempt forgets the keys it asked for: callers may catch the error and try another shape.
        let checkpoint = context.keyLog?.checkpoint
        do {
            return try T(from: child(node, at: path))
        } catch let error as YAMLDecodingError {
            context.keyLog?.rollBack(to: checkpoint)
            throw error
        } catch {
            context.keyLog?.rollBack(to: checkpoint)
            throw translate(error, decoding: type, from: node, at: path)
        }
    }
}
