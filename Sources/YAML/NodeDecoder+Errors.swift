/// Turns errors thrown by `init(from:)` implementations — Swift's synthesized ones, the standard library's
/// `RawRepresentable` decoding, or user code — into `YAMLDecodingError`s at the right node.
extension NodeDecoder {
    func translate<T>(_ error: any Error, decoding type: T.Type, from node: Node, at path: DecodingPath)
        -> YAMLDecodingError
    {
        switch error {
        case let error as YAMLError:
            return self.error(at: error.mark, path, error.message)
        case DecodingError.dataCorrupted(let context):
            let (target, targetPath) = locate(context.codingPath, from: node, at: path)
            if targetPath.components.count == path.components.count, Self.isRawValueFailure(context.debugDescription) {
                return self.error(at: node.mark, path, rawValueMessage(type, node))
            }
            return self.error(at: target.mark, targetPath, context.debugDescription)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let (target, targetPath) = locate(context.codingPath, from: node, at: path)
            return self.error(at: target.mark, targetPath, context.debugDescription)
        case DecodingError.keyNotFound(let key, let context):
            let (target, targetPath) = locate(context.codingPath, from: node, at: path)
            return self.error(
                at: target.mark, targetPath.appending(key: key),
                "missing required key \"\(key.stringValue.debugEscaped)\"")
        default:
            return self.error(at: node.mark, path, "\(error)")
        }
    }

    /// The deepest node along a foreign coding path that starts at `path`, and its path.
    private func locate(_ codingPath: [any CodingKey], from node: Node, at path: DecodingPath) -> (Node, DecodingPath) {
        guard codingPath.count > path.components.count else { return (node, path) }
        var current = node
        var currentPath = path
        for key in codingPath.dropFirst(path.components.count) {
            if let index = key.intValue, let item = current[index] {
                current = item
                currentPath = currentPath.appending(.index(index))
            } else if let value = current[key.stringValue] {
                current = value
                currentPath = currentPath.appending(.key(key.stringValue))
            } else {
                return (current, currentPath.appending(.key(key.stringValue)))
            }
        }
        return (current, currentPath)
    }

    /// The standard library's "Cannot initialize X from invalid String value y" for enums with raw values.
    private static func isRawValueFailure(_ description: String) -> Bool {
        description.hasPrefix("Cannot initialize ") && description.contains(" from invalid ")
    }

    /// "expected one of internal, partner, found string \"x\"" when the type lists its cases.
    private func rawValueMessage<T>(_ type: T.Type, _ node: Node) -> String {
        if let cases = T.self as? any (CaseIterable & RawRepresentable).Type {
            let names = Self.rawValues(of: cases)
            if !names.isEmpty {
                return "expected one of \(names.joined(separator: ", ")), found \(node.kindDescription)"
            }
        }
        return "expected a valid \(T.self), found \(node.kindDescription)"
    }

    private static func rawValues<C: CaseIterable & RawRepresentable>(of type: C.Type) -> [String] {
        type.allCases.map { "\($0.rawValue)" }
    }
}
