import Foundation
import JSON
import Testing

/// `JSONWriter` writes the bytes `JSONEncoder` writes (sorted keys, unescaped slashes), compact and pretty, so
/// that digests, saved plans and golden files stay the same; and a document streamed member by member is the
/// document written as one value.
@Suite struct JSONWriterTests {
    static let strings = [
        "", "a", "Z", "_", "é", "a\u{308}", "😀", "/", "\"", "\\", "\n", "\r\t", "\u{0}", "\u{1}", "\u{8}", "\u{C}",
        "\u{1F}", "\u{7F}", "\u{2028}", "requests.cpu", "app.kubernetes.io/managed-by", "10", "9", "B", "b",
    ]
    static let numbers: [JSONValue] = [
        .int(0), .int(-1), .int(.max), .int(.min), .double(0.1), .double(1), .double(-0.0), .double(1e21),
        .double(1.5e-7), .double(123_456.789), .double(5e-324), .double(.greatestFiniteMagnitude), .double(.infinity),
        .double(-.infinity), .double(.nan), .bool(true), .bool(false), .null,
    ]

    /// What `JSONEncoder` writes for `value`, non-finite doubles as null.
    static func encoded(_ value: JSONValue, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(finite(value)), as: UTF8.self)
    }

    static func finite(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let number) where !number.isFinite: return .null
        case .array(let items): return .array(items.map(finite))
        case .object(let members): return .object(members.mapValues(finite))
        default: return value
        }
    }

    /// A value of every shape, nested up to `depth`, the same for the same `seed`.
    static func value(_ random: inout SplitMix, depth: Int) -> JSONValue {
        switch random.next(depth > 0 ? 4 : 2) {
        case 0: return numbers[random.next(numbers.count)]
        case 1: return .string(strings[random.next(strings.count)] + strings[random.next(strings.count)])
        case 2: return .array((0..<random.next(4)).map { _ in value(&random, depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.next(6) {
                members[strings[random.next(strings.count)]] = value(&random, depth: depth - 1)
            }
            return .object(members)
        }
    }

    @Test(arguments: [false, true])
    func writesWhatJSONEncoderWrites(pretty: Bool) throws {
        var random = SplitMix(seed: 42)
        let fixed: [JSONValue] =
            Self.numbers + Self.strings.map(JSONValue.string) + [
                [], [:], [[]], [[:]], ["a": [], "b": [:]], [["x": [1, [2, []]]]],
                .object(Dictionary(uniqueKeysWithValues: Self.strings.map { ($0, JSONValue.string($0)) })),
                (0..<40).reduce(JSONValue.int(1)) { nested, _ in ["deeper": [nested, "x"]] },
            ]
        for value in fixed + (0..<300).map({ _ in Self.value(&random, depth: 4) }) {
            #expect(value.jsonString(pretty: pretty) == (try Self.encoded(value, pretty: pretty)), "\(value)")
        }
    }

    @Test(arguments: [false, true])
    func aStreamedDocumentIsTheDocumentWrittenWhole(pretty: Bool) {
        let items: [JSONValue] = [["id": "a", "n": 1], [], "x", ["nested": ["deep": [:]]]]
        let whole: JSONValue = ["apiVersion": "v1", "items": .array(items), "summary": ["count": 4]]
        var writer = JSONWriter(pretty: pretty)
        var streamed: [UInt8] = []
        writer.beginObject()
        writer.key("apiVersion")
        writer.write("v1")
        writer.key("items")
        writer.beginArray()
        for item in items {
            writer.element()
            writer.write(item)
            streamed += writer.take()
        }
        writer.end()
        writer.key("summary")
        writer.write(["count": 4])
        writer.end()
        streamed += writer.take()
        #expect(String(decoding: streamed, as: UTF8.self) == whole.jsonString(pretty: pretty))

        var empty = JSONWriter(pretty: pretty)
        empty.beginArray()
        empty.end()
        #expect(String(decoding: empty.bytes, as: UTF8.self) == JSONValue.array([]).jsonString(pretty: pretty))
    }
}

/// A small seeded generator (SplitMix64), so that the generated values are the same on every run.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }
}
