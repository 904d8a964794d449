import JSON

/// Writes YAML through libyaml's emitter: block style, 2-space indentation, one document per value,
/// documents after the first introduced by `---`, no line folding, UTF-8 kept as is.
///
/// Output reads back (with `YAMLParser`) to the same values: `emit(values)` parsed and converted with
/// `toJSON()` gives `values` again, and emitted nodes parse to nodes with the same resolved scalars.
/// Tags and anchors are not written (aliases were expanded when parsing). Errors are `YAMLEmitterError`s:
/// libyaml failures, or trees deeper than `YAMLLimits.default.maxDepth` (the parser would refuse them).
public enum YAMLEmitter {
    /// Nodes keep their key order, their scalars' source text when it resolves to the same value
    /// (`0x10`), and their quoting style where it is safe.
    public static func emit(_ nodes: [Node]) throws -> String {
        let emitter = try LibYAMLEmitter()
        try emitter.streamStart()
        for node in nodes {
            try emitter.documentStart()
            try emitNode(node, into: emitter, depth: 1)
            try emitter.documentEnd()
        }
        try emitter.streamEnd()
        return try emitter.take()
    }

    /// Object keys are written in sorted order, so equal values give equal text.
    public static func emit(_ values: [JSONValue]) throws -> String {
        let stream = try Stream()
        let text = try values.map { try stream.write($0) }.joined()
        return text + (try stream.finish())
    }

    /// A stream written one document at a time, each handed out as soon as it is written, so that a long stream
    /// never sits in memory whole: `emit(values)` in pieces.
    public final class Stream {
        private let emitter: LibYAMLEmitter

        public init() throws {
            emitter = try LibYAMLEmitter()
            try emitter.streamStart()
        }

        /// The text of `value` as the stream's next document (object keys sorted).
        public func write(_ value: JSONValue) throws -> String {
            try emitter.documentStart()
            try emitValue(value, into: emitter, depth: 1)
            try emitter.documentEnd()
            return try emitter.take()
        }

        /// The text that ends the stream.
        public func finish() throws -> String {
            try emitter.streamEnd()
            return try emitter.take()
        }
    }

    private static func checkDepth(_ depth: Int) throws(YAMLEmitterError) {
        let limit = YAMLLimits.default.maxDepth
        guard depth <= limit else {
            throw YAMLEmitterError(message: "the value is nested deeper than \(limit) levels")
        }
    }

    private static func emitNode(_ node: Node, into emitter: LibYAMLEmitter, depth: Int) throws(YAMLEmitterError) {
        try checkDepth(depth)
        switch node.content {
        case .scalar(let scalar):
            let preferred: Scalar.Style = scalar.style == .folded ? .literal : scalar.style
            let emitted = EmittedScalar(scalar.resolved, sourceText: scalar.text, preferred: preferred)
            try emitter.scalar(emitted.text, style: emitted.style)
        case .sequence(let items):
            try emitter.sequenceStart()
            for item in items { try emitNode(item, into: emitter, depth: depth + 1) }
            try emitter.sequenceEnd()
        case .mapping(let pairs):
            try emitter.mappingStart()
            for pair in pairs {
                try emitNode(pair.key, into: emitter, depth: depth + 1)
                try emitNode(pair.value, into: emitter, depth: depth + 1)
            }
            try emitter.mappingEnd()
        }
    }

    private static func emitValue(_ value: JSONValue, into emitter: LibYAMLEmitter, depth: Int) throws(YAMLEmitterError)
    {
        try checkDepth(depth)
        let scalar: EmittedScalar
        switch value {
        case .array(let items):
            try emitter.sequenceStart()
            for item in items { try emitValue(item, into: emitter, depth: depth + 1) }
            try emitter.sequenceEnd()
            return
        case .object(let members):
            try emitter.mappingStart()
            for key in members.keys.sorted() {
                let emittedKey = EmittedScalar(string: key)
                try emitter.scalar(emittedKey.text, style: emittedKey.style)
                if let member = members[key] { try emitValue(member, into: emitter, depth: depth + 1) }
            }
            try emitter.mappingEnd()
            return
        case .null: scalar = EmittedScalar(.null)
        case .bool(let flag): scalar = EmittedScalar(.bool(flag))
        case .int(let number): scalar = EmittedScalar(.int(number))
        case .double(let number): scalar = EmittedScalar(.float(number))
        case .string(let text): scalar = EmittedScalar(string: text)
        }
        try emitter.scalar(scalar.text, style: scalar.style)
    }
}
