/// CCE's rule for the names of clusters (4–128 characters) and node pools (1–50; so never `DefaultPool`): lowercase
/// letters, digits and '-', starting with a letter, not ending in '-'.
enum CCENames {
    static let clusterLength = 4...128
    static let nodePoolLength = 1...50

    /// The 400 CCE answers a `metadata.name` outside the rule with; nil for a valid name.
    static func refusal(_ name: String, length: ClosedRange<Int>) -> CCEReply? {
        let characters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        let valid =
            length.contains(name.count) && name.allSatisfy(characters.contains)
            && name.first.map { $0.isLetter } == true && name.last != "-"
        guard valid else {
            return .badRequest(
                "Invalid request: metadata.name \"\(name)\" must be \(length.lowerBound)-\(length.upperBound) lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
            )
        }
        return nil
    }
}
