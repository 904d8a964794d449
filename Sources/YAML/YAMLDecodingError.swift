/// A value that could not be decoded into the requested Swift type: where it is in the file, its path in
/// the document (`spec.owners[1].group`, empty for the root) and what was expected.
///
/// `description` reads `file:line:col: error: path: message` (`file:line:col: error: message` at the root).
public struct YAMLDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var mark: Mark
    public var path: String
    public var message: String

    public init(file: String, mark: Mark, path: String, message: String) {
        self.file = file
        self.mark = mark
        self.path = path
        self.message = message
    }

    /// A syntax error met while decoding from text, at the document root.
    public init(_ error: YAMLError) {
        self.init(file: error.file, mark: error.mark, path: "", message: error.message)
    }

    public var description: String {
        let location = "\(file):\(mark.line):\(mark.column): error: "
        return path.isEmpty ? location + message : location + "\(path): \(message)"
    }
}
