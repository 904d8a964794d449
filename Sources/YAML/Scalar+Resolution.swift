/// How plain scalars resolve: the YAML 1.2 core schema as Kubernetes tooling (sigs.k8s.io/yaml, go-yaml)
/// reads it.
///
/// | text | resolves to |
/// |------|-------------|
/// | empty, `~`, `null`, `Null`, `NULL` | `.null` |
/// | `true`, `True`, `TRUE`, `false`, `False`, `FALSE` | `.bool` (`yes`/`no`/`on`/`off` stay strings) |
/// | `[-+]?[0-9]+` | `.int`; a leading `0` with only digits 0–7 is octal like Kubernetes reads file modes (`0644` = 420) |
/// | `[-+]?0x[0-9a-fA-F]+`, `[-+]?0o[0-7]+` | `.int` |
/// | `[-+]?(\.[0-9]+\|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` | `.float` |
/// | `[-+]?.inf` / `.Inf` / `.INF`, `.nan` / `.NaN` / `.NAN` | `.float` |
/// | anything else | `.string` |
///
/// A decimal integer too big for `Int64` becomes a `.float`; a hexadecimal or octal one stays a `.string`.
/// Underscores in numbers, `0b` binary, sexagesimal numbers and timestamps are strings.
extension Scalar {
    /// What a plain scalar with this text means.
    public static func resolvePlain(_ text: String) -> Resolved {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return text == "~" || text == "null" || text == "Null" || text == "NULL" ? .null : .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return text == "true" || text == "True" || text == "TRUE" ? .bool(true) : .string(text)
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return text == "false" || text == "False" || text == "FALSE" ? .bool(false) : .string(text)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return resolveNumber(text) ?? .string(text)
        default:
            return .string(text)
        }
    }

    /// A plain scalar built from text, resolved.
    public static func plain(_ text: String) -> Scalar {
        Scalar(text: text, style: .plain, resolved: resolvePlain(text))
    }

    private static func resolveNumber(_ text: String) -> Resolved? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        switch body {
        case ".inf", ".Inf", ".INF": return .float(negative ? -.infinity : .infinity)
        case ".nan", ".NaN", ".NAN": return text.first == "." ? .float(.nan) : nil
        default: break
        }
        if body.hasPrefix("0x") { return radixInteger(body.dropFirst(2), radix: 16, negative: negative, text: text) }
        if body.hasPrefix("0o") { return radixInteger(body.dropFirst(2), radix: 8, negative: negative, text: text) }
        if !body.isEmpty, body.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            if body.count > 1, body.first == "0", body.utf8.allSatisfy({ $0 <= UInt8(ascii: "7") }) {
                return radixInteger(body.dropFirst(), radix: 8, negative: negative, text: text)
            }
            if let value = Int64(text) { return .int(value) }
            return Double(text).map { .float($0) }
        }
        guard isFloatSyntax(body) else { return nil }
        return Double(text).map { .float($0) }
    }

    private static func radixInteger(_ digits: Substring, radix: Int, negative: Bool, text: String) -> Resolved {
        guard !digits.isEmpty, let magnitude = UInt64(digits, radix: radix) else { return .string(text) }
        if negative {
            if magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .int(.min) }
            return .string(text)
        }
        return magnitude <= UInt64(Int64.max) ? .int(Int64(magnitude)) : .string(text)
    }

    /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, sign already removed.
    private static func isFloatSyntax(_ body: Substring) -> Bool {
        let bytes = Array(body.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                _ = digits()
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
