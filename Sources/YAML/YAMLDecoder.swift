import JSON

/// Decodes `Decodable` types from YAML nodes, with errors that say where (`file:line:col`), which field
/// (`spec.quota.memory`) and what was wrong, instead of Swift's generic `DecodingError` texts.
///
/// Scalars decode strictly by their resolution: a `String` field needs a string (`"16"`, not `16`),
/// an integer field accepts integers and integral floats, a `Double` accepts integers and floats.
/// `JSONValue` and `Node` fields decode from any node (a `Node` field keeps its marks for later checks).
/// A missing key or a null value decodes as nil for optionals.
public struct YAMLDecoder {
    /// Handed to every `Decoder` this creates, as `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from node: Node, file: String) throws -> T {
        let decoder = NodeDecoder(node: node, path: DecodingPath(), file: file, userInfo: userInfo)
        return try decoder.unbox(type, from: node, at: DecodingPath())
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
