/// Run ids and tenant names become file names: only letters, digits, `-`, `_` and `.` (not leading), so that
/// no name can leave its directory.
enum StoreName {
    static func validate(_ name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_.".unicodeScalars.contains(scalar))
        }
        guard !name.isEmpty, !name.hasPrefix("."), allowed else { throw JournalError.invalidName(name) }
    }
}
