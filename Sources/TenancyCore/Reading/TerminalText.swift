extension String {
    /// The text with every control character shown as an escape (`\n`, `\u{1B}`), so that a value quoted into a
    /// message can neither start a line of its own (forging an `error:` line) nor send a terminal escape sequence.
    /// Also escaped: DEL, the C1 controls and the bidirectional overrides that reorder what a terminal shows.
    public var terminalSafe: String {
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var safe = ""
        for scalar in unicodeScalars {
            guard Self.needsEscape(scalar) else {
                safe.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": safe += "\\n"
            case "\r": safe += "\\r"
            case "\t": safe += "\\t"
            default: safe += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return safe
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
