import Foundation

/// Markdown for reports reviewed in pull requests.
enum Markdown {
    /// Text safe inside a table cell: pipes escaped, line breaks as spaces (a break would end the row).
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
