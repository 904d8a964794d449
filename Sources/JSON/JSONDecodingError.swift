/// A `JSONValue` without the shape a type needs: where, as a path (`changes[2].target.type`; empty for the whole
/// value), and what was expected (`expected one of kubernetes, cloud, found the string "x"`).
public struct JSONDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    init(_ error: DecodingError) {
        let (path, message): ([any CodingKey], String)
        switch error {
        case .keyNotFound(let key, let context):
            (path, message) = (context.codingPath + [key], context.debugDescription)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            (path, message) = (context.codingPath, context.debugDescription)
        @unknown default: (path, message) = ([], "\(error)")
        }
        self.path = Self.rendered(path)
        self.message = message
    }

    /// `spec.owners[1].group`; a key that is not a plain word as `["app.kubernetes.io/name"]`.
    private static func rendered(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key as? IndexKey {
                text += "[\(index.index)]"
            } else if !key.stringValue.isEmpty, key.stringValue.utf8.allSatisfy(isWordByte) {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            } else {
                text += "[\(JSONValue.string(key.stringValue).jsonString())]"
            }
        }
        return text
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
