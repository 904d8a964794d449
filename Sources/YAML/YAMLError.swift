/// A problem found while reading YAML: the file, the 1-based position and a sentence saying what is wrong.
///
/// `description` reads `file:line:col: message`, the shape editors and CI annotate.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var mark: Mark
    public var message: String

    public init(file: String, mark: Mark, message: String) {
        self.file = file
        self.mark = mark
        self.message = message
    }

    public var description: String { "\(file):\(mark.line):\(mark.column): \(message)" }
}
