import Foundation

/// The `Decoder` over one `JSONValue`. Every value is read through `unbox`: scalars and `JSONValue`s directly, the
/// rest through their `init(from:)`, and an enumeration's unknown raw value is reported with the values it takes.
struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw Self.mismatch(type, "an object", value, codingPath) }
        return KeyedDecodingContainer(ObjectDecodingContainer(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else {
            throw Self.mismatch([JSONValue].self, "an array", value, codingPath)
        }
        return ArrayDecodingContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        SingleValueDecoding(value: value, codingPath: codingPath)
    }

    /// `value`, found at `path`, as a `T`.
    static func unbox<T: Decodable>(_ type: T.Type, _ value: JSONValue, at path: [any CodingKey]) throws -> T {
        if let scalar = try scalar(type, value, path) { return scalar }
        do {
            return try T(from: ValueDecoder(value: value, codingPath: path))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.count == path.count {
            guard let cases = T.self as? any (CaseIterable & RawRepresentable).Type else {
                throw DecodingError.dataCorrupted(context)
            }
            let expected = "expected one of \(rawValues(of: cases).joined(separator: ", ")), found \(describe(value))"
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: expected))
        }
    }

    /// `value` as a `T` when `T` is `JSONValue` or a scalar type (whose `init(from:)` would ask a single value
    /// container for itself, back here), or one `JSONEncoder` writes in a form of its own, which `JSONDecoder`
    /// reads; nil for any other type.
    private static func scalar<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T? {
        if T.self == JSONValue.self { return value as? T }
        if T.self == String.self {
            guard case .string(let text) = value else { throw mismatch(type, "a string", value, path) }
            return text as? T
        }
        if T.self == Bool.self {
            guard case .bool(let flag) = value else { throw mismatch(type, "true or false", value, path) }
            return flag as? T
        }
        if T.self == Double.self { return try number(value, path) as? T }
        if T.self == Float.self { return Float(try number(value, path)) as? T }
        if let integer = T.self as? any FixedWidthInteger.Type { return try whole(integer, value, path) as? T }
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            guard let decoded = try? JSONDecoder().decode(type, from: value.jsonData()) else {
                throw mismatch(type, "\(T.self) as JSONEncoder writes it", value, path)
            }
            return decoded
        }
        return nil
    }

    private static func number(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: throw mismatch(Double.self, "a number", value, path)
        }
    }

    private static func whole<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ path: [any CodingKey]) throws
        -> I
    {
        let exact: I?
        switch value {
        case .int(let number): exact = I(exactly: number)
        case .double(let number): exact = I(exactly: number)
        default: throw mismatch(type, "a whole number", value, path)
        }
        guard let exact else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: path, debugDescription: "\(describe(value)) is not a whole number that fits \(I.self)"))
        }
        return exact
    }

    static func mismatch(_ type: Any.Type, _ expected: String, _ value: JSONValue, _ path: [any CodingKey])
        -> DecodingError
    {
        .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(expected), found \(describe(value))"))
    }

    /// `null`, `true`, `the number 5`, `the string "x"` (escaped, cut at 60 characters), `an array`, `an object`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "\(flag)"
        case .int(let number): return "the number \(number)"
        case .double(let number): return "the number \(number)"
        case .string(let text):
            return "the string " + JSONValue.string(text.count > 60 ? text.prefix(57) + "..." : text).jsonString()
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    private static func rawValues<C: CaseIterable & RawRepresentable>(of type: C.Type) -> [String] {
        type.allCases.map { "\($0.rawValue)" }
    }
}

struct ObjectDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try ValueDecoder.unbox(type, try member(key), at: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try superDecoder(forKey: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try superDecoder(forKey: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let key = Key(stringValue: "super") else {
            throw DecodingError.keyNotFound(SuperKey.key, context("super"))
        }
        return try superDecoder(forKey: key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: try member(key), codingPath: codingPath + [key])
    }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, context(key.stringValue))
        }
        return value
    }

    private func context(_ key: String) -> DecodingError.Context {
        .init(codingPath: codingPath, debugDescription: "missing required key \(JSONValue.string(key).jsonString())")
    }
}

struct ArrayDecodingContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func decodeNil() throws -> Bool {
        guard try next().value == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let item = try next()
        let decoded = try ValueDecoder.unbox(type, item.value, at: item.path)
        currentIndex += 1
        return decoded
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<
        NestedKey
    > {
        try superDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try superDecoder().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let item = try next()
        currentIndex += 1
        return ValueDecoder(value: item.value, codingPath: item.path)
    }

    /// The item at `currentIndex` and its path, not consumed yet.
    private func next() throws -> (value: JSONValue, path: [any CodingKey]) {
        let path = codingPath + [IndexKey(currentIndex)]
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                JSONValue.self,
                .init(
                    codingPath: path, debugDescription: "expected another item, but the array has only \(items.count)"))
        }
        return (items[currentIndex], path)
    }
}

struct SingleValueDecoding: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try ValueDecoder.unbox(type, value, at: codingPath) }
}
