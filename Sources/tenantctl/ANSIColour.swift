/// Colour on a terminal: ANSI SGR escapes around text.
enum ANSIColour {
    /// `text` in the SGR `code` (`32` green, `31;1` bold red), reset after it; the text as it is when not `enabled`.
    static func paint(_ text: String, _ code: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
