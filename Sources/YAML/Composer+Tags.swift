/// Scalar resolution with explicit tags: the core tags are honoured (`!!int "12"` is 12) or rejected with
/// a clear message when the text does not fit them; any other tag is an error.
extension Composer {
    func resolve(_ event: ParseEvent.ScalarEvent, at mark: Mark) throws(YAMLError) -> Scalar {
        let text = event.text
        func scalar(_ resolved: Scalar.Resolved) -> Scalar {
            Scalar(text: text, style: event.style, resolved: resolved)
        }
        func mismatch(_ tag: String, _ expected: String) -> YAMLError {
            source.error(at: mark, "the value \"\(text)\" tagged \(tag) is not \(expected)")
        }
        guard let tag = Self.shortTag(event.tag) else {
            return scalar(event.style == .plain ? Scalar.resolvePlain(text) : .string(text))
        }
        let plain = Scalar.resolvePlain(text)
        switch tag {
        case "!", "!!str", "!!binary", "!!timestamp":
            return scalar(.string(text))
        case "!!null":
            guard case .null = plain else { throw mismatch(tag, "null") }
            return scalar(.null)
        case "!!bool":
            guard case .bool = plain else { throw mismatch(tag, "a boolean (true or false)") }
            return scalar(plain)
        case "!!int":
            guard case .int = plain else { throw mismatch(tag, "an integer") }
            return scalar(plain)
        case "!!float":
            if case .int(let value) = plain { return scalar(.float(Double(value))) }
            guard case .float = plain else { throw mismatch(tag, "a number") }
            return scalar(plain)
        case "!!map", "!!seq":
            throw source.error(at: mark, "the tag \(tag) does not fit a scalar")
        default:
            throw source.error(
                at: mark,
                "unsupported tag \(tag); only the YAML core tags (!!str, !!int, !!float, !!bool, !!null, "
                    + "!!seq, !!map) are allowed")
        }
    }
}
