import Foundation

/// What the encoders behind `JSONValue(encoding:)` and `JSONWriter.encode` share: scalars in the form
/// `JSONValue.parse` gives what `JSONEncoder` writes for them (a whole number as `.int`, a non-finite one an error),
/// `JSONValue`s as they are, and the types `JSONEncoder` writes in forms of its own (`Data`, `URL`, `Decimal`),
/// which are left to it.
enum EncodedScalars {
    /// Thrown for a type that only `JSONEncoder` writes as it should; never leaves `JSONValue(encoding:)`.
    struct NeedsFoundation: Error {}

    /// `value` when it is a `JSONValue` or one of the scalars (and optionals) that models are mostly made of; nil
    /// for other values, which encode themselves. Told apart by metatype, which costs far less than casting every
    /// value: each cast below is to `T` itself. Generic metatypes come last, looked up once.
    static func json<T: Encodable>(_ value: T, at codingPath: @autoclosure () -> [any CodingKey]) throws -> JSONValue? {
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == JSONValue.self { return unsafeBitCast(value, to: JSONValue.self) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == Int.self { return .int(Int64(unsafeBitCast(value, to: Int.self))) }
        if T.self == Double.self { return try number(unsafeBitCast(value, to: Double.self), at: codingPath()) }
        if T.self == optionalJSON { return unsafeBitCast(value, to: JSONValue?.self) ?? .null }
        if T.self == optionalString { return unsafeBitCast(value, to: String?.self).map(JSONValue.string) ?? .null }
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw NeedsFoundation() }
        return nil
    }

    private static let optionalJSON: Any.Type = JSONValue?.self
    private static let optionalString: Any.Type = String?.self

    static func number(_ value: Double, at codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: codingPath, debugDescription: "\(value) is not a JSON number"))
        }
        return Int64(exactly: value).map(JSONValue.int) ?? .double(value)
    }

    /// An integer beyond `Int64` is a double, as `JSONValue.parse` reads it.
    static func integer(_ value: some BinaryInteger) -> JSONValue {
        Int64(exactly: value).map(JSONValue.int) ?? .double(Double(value))
    }
}
