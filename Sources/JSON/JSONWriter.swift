/// Writes JSON text straight into bytes, exactly as `JSONEncoder` writes a `JSONValue` with sorted keys and
/// unescaped slashes: keys in UTF-8 order, integral doubles without `.0`, non-finite doubles as `null`, and when
/// `pretty`, two-space indents, `"key" : value` and empty containers as `[` newline newline `]`.
///
/// No intermediate tree is built. A large document can be streamed: open a container with `beginObject` or
/// `beginArray`, write its members or elements one at a time, `end` it, and `take` the bytes written so far
/// whenever they should go out. Object members must be written in sorted order, as `write` does.
public struct JSONWriter {
    /// The bytes written since the last `take`.
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    /// The open containers, innermost last: the byte that closes each, and whether it has no member yet.
    private var open: [(close: UInt8, empty: Bool)] = []

    public init(pretty: Bool = false) { self.pretty = pretty }

    /// The bytes written so far; the writer goes on with an empty buffer.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Writes a whole value (as an array element or member value, after `element()` or `key(_:)`, or alone).
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): append(String(number))
        case .double(let number): append(number.isFinite ? Self.text(of: number) : "null")
        case .string(let text): string(text)
        case .array(let items):
            beginArray()
            for item in items {
                element()
                write(item)
            }
            end()
        case .object(let members):
            beginObject()
            for (name, member) in members.sorted(by: { Self.precedes($0.key, $1.key) }) {
                key(name)
                write(member)
            }
            end()
        }
    }

    public mutating func beginObject() { begin(UInt8(ascii: "{")) }
    public mutating func beginArray() { begin(UInt8(ascii: "[")) }

    /// Starts the next member of the open object: its key; the value follows.
    public mutating func key(_ name: String) {
        element()
        string(name)
        append(pretty ? " : " : ":")
    }

    /// Starts the next element of the open array; the value follows.
    public mutating func element() {
        guard let last = open.indices.last else { return }
        if open[last].empty {
            open[last].empty = false
        } else {
            bytes.append(UInt8(ascii: ","))
            if pretty { bytes.append(UInt8(ascii: "\n")) }
        }
        indent(open.count)
    }

    /// Closes the innermost open container.
    public mutating func end() {
        guard let container = open.popLast() else { return }
        if pretty { bytes.append(UInt8(ascii: "\n")) }
        indent(open.count)
        bytes.append(container.close)
    }

    private mutating func begin(_ bracket: UInt8) {
        bytes.append(bracket)
        if pretty { bytes.append(UInt8(ascii: "\n")) }
        open.append((close: bracket + 2, empty: true))  // `{` + 2 is `}`, `[` + 2 is `]`
    }

    private mutating func indent(_ level: Int) {
        guard pretty else { return }
        var width = 2 * level
        while width > 0 {
            let count = min(width, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[..<count])
            width -= count
        }
    }

    /// A place in what was written, to go back to.
    struct Mark {
        fileprivate let count: Int
        fileprivate let open: [(close: UInt8, empty: Bool)]
    }

    /// Where the writer is now.
    var mark: Mark { Mark(count: bytes.count, open: open) }

    /// Undoes what was written since `mark` (with no `take` in between).
    mutating func rollBack(to mark: Mark) {
        bytes.removeSubrange(mark.count...)
        open = mark.open
    }

    /// Whether key `a` comes before key `b` in an object written: in UTF-8 order, as `JSONEncoder` sorts keys.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let contiguous = a.utf8.withContiguousStorageIfAvailable { a in
            b.utf8.withContiguousStorageIfAvailable { b in a.lexicographicallyPrecedes(b) }
        }
        return (contiguous ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A double as `JSONEncoder` writes it: its shortest description, without a trailing `.0`.
    private static func text(of number: Double) -> String {
        let text = number.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A quoted string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX` escapes.
    private mutating func string(_ text: String) {
        var text = text
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case UInt8(ascii: "\n"): append("\\n")
        case UInt8(ascii: "\r"): append("\\r")
        case UInt8(ascii: "\t"): append("\\t")
        default:
            append("\\u00")
            bytes.append(Self.hex[Int(byte >> 4)])
            bytes.append(Self.hex[Int(byte & 0xF)])
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
