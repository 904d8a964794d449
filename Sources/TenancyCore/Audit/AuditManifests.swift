import JSON
import YAML

/// The objects an offline audit (`audit --file`) lints: every document of every file, a `…List`'s items in its
/// place. A file that is not YAML is a diagnostic and the other files are still read, so one audit reports every
/// bad file.
public struct AuditManifests: Sendable {
    public var objects: [JSONValue] = []
    public var diagnostics: [Diagnostic] = []

    public init(_ files: [SourceFile]) {
        for file in files {
            do {
                for document in try YAMLParser.parse(file.bytes, file: file.path) {
                    add(try document.toJSON(file: file.path))
                }
            } catch {
                diagnostics.append(
                    Diagnostic(
                        file: file.path, line: error.mark.line, column: error.mark.column, path: "",
                        message: error.message))
            }
        }
    }

    private mutating func add(_ value: JSONValue) {
        if value["kind"]?.stringValue?.hasSuffix("List") == true, let items = value["items"]?.arrayValue {
            objects += items
        } else if value.objectValue != nil {
            objects.append(value)
        }
    }
}
