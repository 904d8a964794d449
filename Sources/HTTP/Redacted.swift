/// A secret value — a token, a private key, certificate data, exec plugin output — that never prints.
///
/// `description`, `debugDescription`, string interpolation, `dump` and `Mirror` all show `<redacted>`,
/// so a secret held in an error, a configuration or a log argument cannot leak through formatting.
/// Read the value only where it goes on the wire: `revealed`.
public struct Redacted<Value: Sendable & Hashable>: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The secret itself. Never format it.
    public let revealed: Value

    /// Wraps a secret value.
    public init(_ value: Value) {
        self.revealed = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension Redacted: Decodable where Value: Decodable {
    /// Decodes the value; a value of the wrong type fails without being quoted in the error.
    public init(from decoder: any Decoder) throws {
        do {
            self.init(try decoder.singleValueContainer().decode(Value.self))
        } catch {
            let context = DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "expected a \(Value.self) (the value is secret, not shown)")
            throw DecodingError.typeMismatch(Value.self, context)
        }
    }
}
