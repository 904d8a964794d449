/// Reads a YAML stream into node trees: one `Node` per document, each node marked with its 1-based
/// line and column (columns count Unicode code points, not bytes; a tab counts as one column).
///
/// Aliases are expanded; duplicate mapping keys, unknown tags and anything beyond `limits` are errors.
/// An empty document (`---` alone) is a `.null` scalar; a stream with no documents is `[]`.
/// The input must be UTF-8 (a leading byte-order mark is allowed).
public enum YAMLParser {
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .default) throws(YAMLError) -> [Node] {
        try parse(Array(text.utf8), file: file, limits: limits)
    }

    public static func parse(_ bytes: [UInt8], file: String, limits: YAMLLimits = .default) throws(YAMLError) -> [Node]
    {
        guard bytes.count <= limits.maxInputBytes else {
            throw YAMLError(
                file: file, mark: Mark(line: 1, column: 1),
                message: "the input is \(bytes.count) bytes, more than the limit of \(limits.maxInputBytes) bytes")
        }
        let parser = try LibYAMLParser(bytes: bytes, file: file, maxScalarBytes: limits.maxScalarBytes)
        var composer = Composer(source: parser.source, limits: limits)
        return try composer.compose(parser)
    }
}
