/// A value as `ValueEncoder` builds it: a `JSONValue`, or what an encoder of an object or an array encoded, which
/// its containers may go on filling after it was handed out.
enum EncodedValue {
    case value(JSONValue)
    case encoded(Encoded)

    /// What one encoder encoded: a value, or an object's members in the order encoded, or an array's items. Kept
    /// apart from the encoder, which holds its parent: parents hold what their members encoded, never their
    /// encoders, so that nothing holds itself.
    final class Encoded {
        enum Shape {
            /// Nothing encoded: an empty object, as `JSONEncoder` writes it.
            case empty
            case value(JSONValue)
            case object
            case array
        }

        var shape = Shape.empty
        var members: [(key: String, value: EncodedValue)] = []
        var items: [EncodedValue] = []
    }

    /// As a `JSONValue`: a key encoded twice keeps its last value.
    var json: JSONValue {
        switch self {
        case .value(let value): return value
        case .encoded(let encoded):
            switch encoded.shape {
            case .empty: return .object([:])
            case .value(let value): return value
            case .object:
                return .object(
                    Dictionary(encoded.members.lazy.map { ($0.key, $0.value.json) }, uniquingKeysWith: { $1 }))
            case .array: return .array(encoded.items.map(\.json))
            }
        }
    }
}

/// The `Encoder` behind `JSONValue(encoding:)`: one per object or array, building what it encodes. Scalars and
/// `JSONValue`s get no encoder of their own (`EncodedScalars`). The coding path is found through the parents,
/// only when asked for.
final class ValueEncoder: ScalarEncoder {
    private let parent: ValueEncoder?
    private let key: (any CodingKey)?
    private let encoded = EncodedValue.Encoded()

    private init(parent: ValueEncoder?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var current: ValueEncoder? = self
        while let encoder = current {
            if let key = encoder.key { path.append(key) }
            current = encoder.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// `value` encoded on its own.
    static func encode(_ value: some Encodable) throws -> EncodedValue {
        try ValueEncoder(parent: nil, key: nil).encode(value, at: nil)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = encoded.shape {} else { encoded.shape = .object }
        return KeyedEncodingContainer(ValueObjectContainer(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = encoded.shape {} else { encoded.shape = .array }
        return ValueArrayContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { ScalarContainer(encoder: self) }

    func set(_ value: JSONValue) { encoded.shape = .value(value) }

    /// `value` encoded as the member `key` of this encoder's value (nil: as this encoder's value itself).
    fileprivate func encode<T: Encodable>(_ value: T, at key: (any CodingKey)?) throws -> EncodedValue {
        if let scalar = try EncodedScalars.json(value, at: codingPath + (key.map { [$0] } ?? [])) {
            return .value(scalar)
        }
        let encoder = key.map { ValueEncoder(parent: self, key: $0) } ?? self
        try value.encode(to: encoder)
        return .encoded(encoder.encoded)
    }

    /// The encoder of the member `key` (an `IndexKey`: of the next item), in its place before its value is
    /// encoded: for nested containers and super encoders.
    fileprivate func nested(_ key: any CodingKey) -> ValueEncoder {
        let nested = ValueEncoder(parent: self, key: key)
        if key is IndexKey {
            append(.encoded(nested.encoded))
        } else {
            append(.encoded(nested.encoded), forKey: key.stringValue)
        }
        return nested
    }

    /// How many items this encoder's array holds so far.
    fileprivate var count: Int { encoded.items.count }

    fileprivate func append(_ value: EncodedValue, forKey key: String) { encoded.members.append((key, value)) }

    fileprivate func append(_ value: EncodedValue) { encoded.items.append(value) }
}

struct ValueObjectContainer<Key: CodingKey>: KeyedNesting {
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) { encoder.append(.value(.null), forKey: key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.append(try encoder.encode(value, at: key), forKey: key.stringValue)
    }

    mutating func superEncoder() -> any Encoder { encoder.nested(SuperKey.key) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.nested(key) }
}

struct ValueArrayContainer: UnkeyedNesting {
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    mutating func encodeNil() { encoder.append(.value(.null)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.append(try encoder.encode(value, at: IndexKey(count)))
    }

    mutating func superEncoder() -> any Encoder { encoder.nested(IndexKey(count)) }
}
