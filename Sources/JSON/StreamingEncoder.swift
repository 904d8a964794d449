/// Writes a value into a `JSONWriter` while its `encode(to:)` runs, building nothing: each object's members must
/// come in key order (the order `JSONWriter` writes them in) and no nested or super encoder may be asked for. An
/// encoding that breaks either rule, or holds a type `JSONEncoder` writes in a form of its own, marks the stream
/// `failed` and is stopped where it can be; `JSONWriter.encode` then undoes what was written and writes the value
/// `ValueEncoder` builds instead.
final class StreamingEncoder: ScalarEncoder {
    /// The writer and the state the encoders of one value share.
    final class Stream {
        // Written only by the encoder whose container is innermost, never while user code runs: no two accesses
        // overlap, so they need no checks at run time (which would cost more than the writing).
        @exclusivity(unchecked) var writer = JSONWriter()
        var failed = false
        /// How many containers are open: only the innermost may be written to.
        var depth = 0
    }

    /// Stops an encoding that cannot be streamed; never leaves `JSONWriter.encode`.
    struct Unstreamable: Error {}

    private enum State {
        case fresh
        case object(lastKey: String?)
        case array(count: Int)
        case value
        case closed
    }

    let stream: Stream
    private let parent: StreamingEncoder?
    private let key: (any CodingKey)?
    private var state = State.fresh
    /// The depth of this encoder's container, once open.
    private var level = 0

    init(_ stream: Stream, parent: StreamingEncoder? = nil, key: (any CodingKey)? = nil) {
        self.stream = stream
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var current: StreamingEncoder? = self
        while let encoder = current {
            if let key = encoder.key { path.append(key) }
            current = encoder.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch state {
        case .fresh: open(.object(lastKey: nil)) { $0.beginObject() }
        case .object: break
        default: stream.failed = true
        }
        return KeyedEncodingContainer(StreamingObjectContainer(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        switch state {
        case .fresh: open(.array(count: 0)) { $0.beginArray() }
        case .array: break
        default: stream.failed = true
        }
        return StreamingArrayContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { ScalarContainer(encoder: self) }

    func set(_ value: JSONValue) throws {
        guard case .fresh = state else { throw unstreamable() }
        stream.writer.write(value)
        state = .value
    }

    /// Writes `value` as this encoder's whole value (a document, or what follows a key or an array element), and
    /// ends it: closes its container, or writes `{}` (as `JSONEncoder` does) when it wrote none.
    func encodeValue<T: Encodable>(_ value: T) throws {
        try encodeContents(value)
        switch state {
        case .fresh: stream.writer.write(.object([:]))
        case .object, .array:
            guard isInnermost else { throw unstreamable() }
            stream.writer.end()
            stream.depth -= 1
        case .value: break
        case .closed: throw unstreamable()
        }
        state = .closed
    }

    /// Writes the member `key` of this encoder's object.
    fileprivate func encode<T: Encodable>(_ value: T, forKey key: some CodingKey) throws {
        let name = key.stringValue
        guard case .object(let last) = state, isInnermost, last.map({ JSONWriter.precedes($0, name) }) ?? true else {
            throw unstreamable()
        }
        state = .object(lastKey: name)
        stream.writer.key(name)
        try encodeMember(value, key)
    }

    /// Writes the next item of this encoder's array.
    fileprivate func encodeItem<T: Encodable>(_ value: T) throws {
        guard case .array(let count) = state, isInnermost else { throw unstreamable() }
        state = .array(count: count + 1)
        stream.writer.element()
        try encodeMember(value, IndexKey(count))
    }

    /// How many items this encoder's array holds so far.
    fileprivate var count: Int {
        guard case .array(let count) = state else { return 0 }
        return count
    }

    /// An encoder for a value that could be written only once its user is done with it, which a stream cannot wait
    /// for: it writes nowhere, and the stream has failed.
    fileprivate func detached() -> any Encoder {
        stream.failed = true
        return StreamingEncoder(Stream(), parent: self)
    }

    private func unstreamable() -> Unstreamable {
        stream.failed = true
        return Unstreamable()
    }

    /// A scalar member straight away; anything else through an encoder of its own.
    private func encodeMember<T: Encodable>(_ value: T, _ key: any CodingKey) throws {
        if let scalar = try EncodedScalars.json(value, at: codingPath + [key]) {
            stream.writer.write(scalar)
        } else {
            try StreamingEncoder(stream, parent: self, key: key).encodeValue(value)
        }
    }

    private var isInnermost: Bool { stream.depth == level }

    private func open(_ opened: State, _ begin: (inout JSONWriter) -> Void) {
        begin(&stream.writer)
        stream.depth += 1
        level = stream.depth
        state = opened
    }
}

struct StreamingObjectContainer<Key: CodingKey>: KeyedNesting {
    let encoder: StreamingEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { try encoder.encode(JSONValue.null, forKey: key) }

    mutating func encode(_ value: String, forKey key: Key) throws { try encoder.encode(value, forKey: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.encode(value, forKey: key) }

    mutating func superEncoder() -> any Encoder { encoder.detached() }

    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.detached() }
}

struct StreamingArrayContainer: UnkeyedNesting {
    let encoder: StreamingEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    mutating func encodeNil() throws { try encoder.encodeItem(JSONValue.null) }

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeItem(value) }

    mutating func superEncoder() -> any Encoder { encoder.detached() }
}
