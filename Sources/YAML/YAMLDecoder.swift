import JSON

/// Decodes `Decodable` types from YAML nodes, with errors that say where (`file:line:col`), which field
/// (`spec.quota.memory`) and what was wrong, instead of Swift's generic `DecodingError` texts.
///
/// Scalars decode strictly by their resolution: a `String` field needs a string (`"16"`, not `16`),
/// an integer field accepts integers and integral floats, a `Double` accepts integers and floats.
/// `JSONValue` and `Node` fields decode from any node (a `Node` field keeps its marks for later checks).
/// A missing key or a null value decodes as nil for optionals. Keys no type asked for are ignored,
/// as Codable decoders do, unless `unknownKeys` is `.reject` (what a spec validator wants: typos fail).
public struct YAMLDecoder: Sendable {
    /// What to do with mapping keys that the decoded types never asked for.
    public enum UnknownKeys: Sendable {
        /// Ignore them, as `JSONDecoder` does.
        case ignore
        /// Fail on the first one in document order, at the key's mark, suggesting a close known key.
        case reject
    }

    /// Handed to every `Decoder` this creates, as `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]
    public var unknownKeys: UnknownKeys = .ignore

    public init(unknownKeys: UnknownKeys = .ignore) {
        self.unknownKeys = unknownKeys
    }

    public func decode<T: Decodable>(_ type: T.Type, from node: Node, file: String) throws -> T {
        let keyLog = unknownKeys == .reject ? KeyUsageLog() : nil
        let context = DecodingContext(file: file, userInfo: userInfo, keyLog: keyLog)
        let decoder = NodeDecoder(node: node, path: DecodingPath(), context: context)
        let value = try decoder.unbox(type, from: node, at: DecodingPath())
        if let unknown = keyLog?.firstUnknownKey() {
            throw decoder.error(at: unknown.mark, unknown.path, unknown.message)
        }
        return value
    }

    /// Parses `text`, which must hold exactly one document, and decodes it. Syntax errors are thrown as
    /// `YAMLDecodingError`s at the root path, so callers handle one error type.
    public func decode<T: Decodable>(_ type: T.Type, from text: String, file: String) throws -> T {
        let documents: [Node]
        do {
            documents = try YAMLParser.parse(text, file: file)
        } catch {
            throw YAMLDecodingError(error)
        }
        guard documents.count == 1 else {
            let mark = documents.count > 1 ? documents[1].mark : Mark(line: 1, column: 1)
            throw YAMLDecodingError(
                file: file, mark: mark, path: "",
                message: "expected exactly one YAML document, found \(documents.count)")
        }
        return try decode(type, from: documents[0], file: file)
    }
}
