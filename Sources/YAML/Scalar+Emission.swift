import CYAML

/// The text and style to emit a scalar with so that reading it back resolves to the same value:
/// strings that would resolve to something else as plain scalars (`"true"`, `"12"`, `"null"`, `""`)
/// are double-quoted, and so are strings a YAML 1.1 reader (kubectl's sigs.k8s.io/yaml, PyYAML) would
/// take for something else (`yes`, `on`, `12:30`, `1_000`, `2024-01-02`); multi-line strings use literal blocks when libyaml allows; libyaml itself quotes
/// what cannot be plain (`: `, a leading `-`, `#`, surrounding spaces, control characters).
struct EmittedScalar {
    var text: String
    var style: yaml_scalar_style_t

    init(string: String, preferred: Scalar.Style = .plain) {
        text = string
        if Scalar.resolvePlain(string) != .string(string) || Self.isSpecialToOtherReaders(string) {
            style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
        } else if string.unicodeScalars.contains(where: Self.isNonNewlineBreak) {
            style = YAML_DOUBLE_QUOTED_SCALAR_STYLE  // a raw \r, NEL, LS or PS would read back as \n
        } else if string.utf8.contains(UInt8(ascii: "\n")) {
            style = YAML_LITERAL_SCALAR_STYLE
        } else {
            switch preferred {
            case .singleQuoted: style = YAML_SINGLE_QUOTED_SCALAR_STYLE
            case .doubleQuoted: style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
            default: style = YAML_PLAIN_SCALAR_STYLE
            }
        }
    }

    private init(text: String, style: yaml_scalar_style_t) {
        self.text = text
        self.style = style
    }

    init(_ resolved: Scalar.Resolved, sourceText: String? = nil, preferred: Scalar.Style = .plain) {
        let text: String
        switch resolved {
        case .string(let string):
            self.init(string: string, preferred: preferred)
            return
        case _ where sourceText.map({ Self.same(Scalar.resolvePlain($0), resolved) }) == true:
            text = sourceText ?? ""  // keep `0x10`, `~`, `True` as written
        case .null: text = "null"
        case .bool(let value): text = value ? "true" : "false"
        case .int(let value): text = String(value)
        case .float(let value): text = Scalar.floatText(value)
        }
        self.init(text: text, style: YAML_PLAIN_SCALAR_STYLE)
    }

    private static func same(_ a: Scalar.Resolved, _ b: Scalar.Resolved) -> Bool {
        if case .float(let x) = a, case .float(let y) = b, x.isNaN, y.isNaN { return true }
        return a == b
    }

    private static let yaml11Words: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "on", "On", "ON", "off", "Off", "OFF", "<<", "=",
    ]

    /// YAML 1.1 booleans, merge and value keys, and anything that looks numeric (sexagesimal `12:30`,
    /// `1_000`, `0b101`, dates): quoting them costs nothing and keeps every reader on the same value.
    private static func isSpecialToOtherReaders(_ string: String) -> Bool {
        if yaml11Words.contains(string) { return true }
        guard let first = string.unicodeScalars.first, "0123456789+-.".unicodeScalars.contains(first) else {
            return false
        }
        return string.unicodeScalars.allSatisfy { "0123456789_:.+-eExXoObBabcdefABCDEF".unicodeScalars.contains($0) }
    }

    private static func isNonNewlineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
