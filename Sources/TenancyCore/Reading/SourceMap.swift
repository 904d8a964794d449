import YAML

/// Where each field of a document stands in its file, for diagnostics raised after reading.
public struct SourceMap: Sendable, Hashable {
    public let file: String
    let marks: [FieldPath: Mark]
    let root: Mark

    init(file: String, marks: [FieldPath: Mark], root: Mark) {
        self.file = file
        self.marks = marks
        self.root = root
    }

    /// The mark of `path`, or of its nearest ancestor that was read.
    public func mark(of path: FieldPath) -> Mark {
        var current: FieldPath? = path
        while let candidate = current {
            if let mark = marks[candidate] { return mark }
            current = candidate.parent
        }
        return root
    }

    /// A diagnostic pointing at `path`.
    public func diagnostic(_ severity: Diagnostic.Severity = .error, at path: FieldPath, _ message: String)
        -> Diagnostic
    {
        let mark = mark(of: path)
        return Diagnostic(
            severity: severity, file: file, line: mark.line, column: mark.column, path: path.description,
            message: message)
    }
}

extension FieldPath {
    /// Builds a path from keys: `FieldPath("spec", "quota", "cpu")`.
    public init(_ keys: String...) {
        self.init()
        for key in keys { self = appending(key) }
    }
}
