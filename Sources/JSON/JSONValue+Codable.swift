import Foundation

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? container.decode(Double.self) {
            self = .double(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .int(let i): try container.encode(i)
        case .double(let d): try container.encode(d)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}

extension JSONValue {
    /// Parses JSON bytes.
    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONParser.parse(data)
    }

    /// Parses a JSON string.
    public static func parse(_ text: String) throws -> JSONValue {
        try parse(Data(text.utf8))
    }

    /// The JSON form of an `Encodable` value (a plan, a CCE model, a record): what `JSONEncoder` writes, read back
    /// (`Data`, `URL` and `Decimal`, which it writes in forms of its own, go through it), built without the text.
    public init(encoding value: some Encodable) throws {
        do {
            self = try ValueEncoder.encode(value).json
        } catch is EncodedScalars.NeedsFoundation {
            self = try .parse(JSONEncoder().encode(value))
        }
    }

    /// This value decoded as `type` (the way back from `init(encoding:)`); what does not fit is a
    /// `JSONDecodingError` that says where and why.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        do {
            return try ValueDecoder.unbox(type, self, at: [])
        } catch let error as DecodingError {
            throw JSONDecodingError(error)
        }
    }

    /// Compact JSON with sorted keys: stable bytes for digests, bodies and golden files (see `JSONWriter`).
    public func jsonData(pretty: Bool = false) -> Data {
        Data(jsonBytes(pretty: pretty))
    }

    /// The JSON text of `jsonData`.
    public func jsonString(pretty: Bool = false) -> String {
        String(decoding: jsonBytes(pretty: pretty), as: UTF8.self)
    }

    private func jsonBytes(pretty: Bool) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self)
        return writer.bytes
    }
}
