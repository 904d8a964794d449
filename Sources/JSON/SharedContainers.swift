/// An encoder whose single value container is `ScalarContainer`.
protocol ScalarEncoder: Encoder {
    /// Makes `value` the value being encoded.
    func set(_ value: JSONValue) throws
}

extension ScalarEncoder {
    /// Encodes `value` as this encoder's own value: a scalar is set, anything else encodes itself here.
    func encodeContents<T: Encodable>(_ value: T) throws {
        if let scalar = try EncodedScalars.json(value, at: codingPath) {
            try set(scalar)
        } else {
            try value.encode(to: self)
        }
    }
}

/// The single value container of both encoders. The scalars have methods of their own: their `encode(to:)` calls
/// them, so they never come back to the generic `encode`.
struct ScalarContainer<Target: ScalarEncoder>: SingleValueEncodingContainer {
    let encoder: Target

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { try encoder.set(.null) }
    mutating func encode(_ value: Bool) throws { try encoder.set(.bool(value)) }
    mutating func encode(_ value: String) throws { try encoder.set(.string(value)) }
    mutating func encode(_ value: Double) throws { try encoder.set(try EncodedScalars.number(value, at: codingPath)) }
    mutating func encode(_ value: Float) throws { try encode(Double(value.description) ?? Double(value)) }
    mutating func encode(_ value: Int) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode(_ value: Int8) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode(_ value: Int16) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode(_ value: Int32) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode(_ value: Int64) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode(_ value: UInt) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode(_ value: UInt8) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode(_ value: UInt16) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode(_ value: UInt32) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode(_ value: UInt64) throws { try encoder.set(EncodedScalars.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeContents(value) }
}

/// A keyed container whose nested containers are those of its super encoders.
protocol KeyedNesting: KeyedEncodingContainerProtocol {}

extension KeyedNesting {
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        superEncoder(forKey: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        superEncoder(forKey: key).unkeyedContainer()
    }
}

/// An unkeyed container whose nested containers are those of its super encoders.
protocol UnkeyedNesting: UnkeyedEncodingContainer {}

extension UnkeyedNesting {
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        superEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { superEncoder().unkeyedContainer() }
}
