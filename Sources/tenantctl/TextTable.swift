/// A plain-text table: left-aligned columns two spaces apart, each as wide as its widest cell (the header's
/// included), the last one unpadded so that no line ends in spaces.
enum TextTable {
    /// `rows`, the header first, a line each, every line begun with `indent`.
    static func render(_ rows: [[String]], indent: String = "") -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            indent
                + row.enumerated().map { column, cell in
                    column == row.count - 1
                        ? cell : cell + String(repeating: " ", count: widths[column] + 2 - cell.count)
                }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
