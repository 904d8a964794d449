/// The raw input of one parse, for turning byte offsets into marks and for looking at the character
/// an error points to.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`; columns count Unicode code points, as libyaml does.
struct SourceText {
    let bytes: [UInt8]
    let file: String

    func error(at mark: Mark, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: mark, message: message)
    }

    /// The 1-based line and column of the character starting at `offset` (a byte offset, clamped to the input).
    func mark(atByteOffset offset: Int) -> Mark {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 && byte != 0x0D {
                column += 1  // count lead bytes only: one per code point
            }
            index += 1
        }
        return Mark(line: line, column: column)
    }

    /// The code point at a 1-based mark, or nil past the end of its line or the input.
    func character(at mark: Mark) -> Unicode.Scalar? {
        var index = 0
        var line = 1
        while line < mark.line, index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        var column = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D { return nil }
            if byte & 0xC0 != 0x80 {
                if column == mark.column { return decodeScalar(at: index) }
                column += 1
            }
            index += 1
        }
        return nil
    }

    private func decodeScalar(at index: Int) -> Unicode.Scalar? {
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }
}
