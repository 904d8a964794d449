import CYAML

/// Owns a libyaml parser over a private copy of the input and hands out its events one at a time.
///
/// The input buffer and the parser live exactly as long as this object; `deinit` frees both.
/// The input is always read as UTF-8 (a UTF-16 byte-order mark is an error, not a switch of encoding).
final class LibYAMLParser {
    let source: SourceText
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let maxScalarBytes: Int

    init(bytes: [UInt8], file: String, maxScalarBytes: Int) throws(YAMLError) {
        self.source = SourceText(bytes: bytes, file: file)
        self.maxScalarBytes = maxScalarBytes
        let input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        self.input = input
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress, let target = input.baseAddress {
                UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: raw.count)
            }
        }
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            input.deallocate()
            throw YAMLError(file: file, mark: Mark(line: 1, column: 1), message: "libyaml could not allocate a parser")
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or the parser's error as a `YAMLError`.
    func next() throws(YAMLError) -> ParseEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else {
            throw source.error(from: parser.pointee)
        }
        defer { yaml_event_delete(&event) }
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT: return ParseEvent(kind: .streamStart, mark: mark)
        case YAML_STREAM_END_EVENT: return ParseEvent(kind: .streamEnd, mark: mark)
        case YAML_DOCUMENT_START_EVENT: return ParseEvent(kind: .documentStart, mark: mark)
        case YAML_DOCUMENT_END_EVENT: return ParseEvent(kind: .documentEnd, mark: mark)
        case YAML_ALIAS_EVENT:
            return ParseEvent(kind: .alias(anchor: Self.string(event.data.alias.anchor) ?? ""), mark: mark)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            guard data.length <= maxScalarBytes else {
                throw source.error(
                    at: mark,
                    "this scalar is \(data.length) bytes long, more than the limit of \(maxScalarBytes) bytes")
            }
            let text = data.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self)
            }
            let scalar = ParseEvent.ScalarEvent(
                anchor: Self.string(data.anchor), tag: Self.string(data.tag), text: text ?? "",
                style: Self.style(data.style))
            return ParseEvent(kind: .scalar(scalar), mark: mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return ParseEvent(
                kind: .sequenceStart(anchor: Self.string(data.anchor), tag: Self.string(data.tag)), mark: mark)
        case YAML_SEQUENCE_END_EVENT: return ParseEvent(kind: .sequenceEnd, mark: mark)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return ParseEvent(
                kind: .mappingStart(anchor: Self.string(data.anchor), tag: Self.string(data.tag)), mark: mark)
        case YAML_MAPPING_END_EVENT: return ParseEvent(kind: .mappingEnd, mark: mark)
        default:
            throw source.error(at: mark, "libyaml produced an unexpected event (\(event.type.rawValue))")
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(_ style: yaml_scalar_style_t) -> Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
