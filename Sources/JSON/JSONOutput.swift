/// Where a JSON document goes as it is written, container by container: bytes (`JSONWriter`) or a value
/// (`JSONValue.Builder`). An encoding written once against it serves both. Object members come in sorted order.
public protocol JSONOutput {
    mutating func beginObject()
    mutating func beginArray()
    /// Starts the next member of the open object: its key; the value follows.
    mutating func key(_ name: String)
    /// Starts the next element of the open array; the value follows.
    mutating func element()
    /// A whole value, as a member's value or an element.
    mutating func write(_ value: JSONValue)
    /// Closes the innermost open container.
    mutating func end()
}

extension JSONWriter: JSONOutput {}

extension JSONValue {
    /// The value that `encode` writes.
    public static func build(_ encode: (inout Builder) -> Void) -> JSONValue {
        var builder = Builder()
        encode(&builder)
        return builder.value
    }

    /// Builds a value from what is written into it.
    public struct Builder: JSONOutput {
        private enum Container {
            case object([String: JSONValue], key: String?)
            case array([JSONValue])
        }

        private var open: [Container] = []
        /// The value written, once its containers are closed.
        public private(set) var value: JSONValue = .null

        public init() {}

        public mutating func beginObject() { open.append(.object([:], key: nil)) }
        public mutating func beginArray() { open.append(.array([])) }

        public mutating func key(_ name: String) {
            guard case .object(let members, _) = open.popLast() else { return }
            open.append(.object(members, key: name))
        }

        public mutating func element() {}

        public mutating func write(_ value: JSONValue) {
            switch open.popLast() {
            case nil: self.value = value
            case .object(var members, let key)?:
                if let key { members[key] = value }
                open.append(.object(members, key: nil))
            case .array(var items)?:
                items.append(value)
                open.append(.array(items))
            }
        }

        public mutating func end() {
            switch open.popLast() {
            case nil: return
            case .object(let members, _)?: write(.object(members))
            case .array(let items)?: write(.array(items))
            }
        }
    }
}
