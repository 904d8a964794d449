import Foundation
import JSON
import Testing

/// `JSONValue(encoding:)` is what `JSONEncoder` writes, read back; `JSONWriter.encode` writes that value's text,
/// streaming an encoding whose members come in key order and falling back to `JSONEncoder` for any other; and
/// `decode(as:)` reads values back, refusing what does not fit with the path and the reason.
@Suite struct JSONCodingTests {
    enum Colour: String, Codable, CaseIterable { case red, green }

    /// Members encoded in key order, as `Plan` encodes them: written as they come.
    struct Ordered: Codable, Equatable {
        var count: Int
        var items: [Ordered]
        var json: JSONValue?
        var name: String
        var note: String?

        enum CodingKeys: String, CodingKey { case count, items, json, name, note }

        init(count: Int, items: [Ordered] = [], json: JSONValue? = nil, name: String, note: String? = nil) {
            (self.count, self.items, self.json, self.name, self.note) = (count, items, json, name, note)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            try container.encode(items, forKey: .items)
            try container.encode(json, forKey: .json)
            try container.encode(name, forKey: .name)
            try container.encode(note, forKey: .note)
        }
    }

    /// Synthesized: members in declaration order, scalars of every width, `Data`, a dictionary, an enumeration.
    struct Synthesized: Codable, Equatable {
        var zeta = "last"
        var alpha: Double = 2.5
        var whole: Double = 3
        var float: Float = 0.1
        var small: Int8 = -8
        var large: UInt64 = 1 << 63
        var flag = true
        var bytes = Data([1, 2, 3])
        var colour = Colour.green
        var labels = ["app.kubernetes.io/name": "x", "b": "y"]
        var missing: String?
        var nested = Ordered(count: 1, name: "n")
    }

    static let ordered = Ordered(
        count: 2, items: [Ordered(count: 0, name: "a/b\n\"c\""), Ordered(count: -1, json: ["x": nil], name: "")],
        json: ["z": [1, 2.5, nil, true], "a": ["deep": [:]], "é": "ü"], name: "top", note: "here")

    /// What `JSONEncoder` writes for `value`, read back.
    static func foundation(_ value: some Encodable) throws -> JSONValue {
        try JSONValue.parse(JSONEncoder().encode(value))
    }

    @Test func aValueIsWhatJSONEncoderWritesReadBack() throws {
        #expect(try JSONValue(encoding: Self.ordered) == Self.foundation(Self.ordered))
        #expect(try JSONValue(encoding: Synthesized()) == Self.foundation(Synthesized()))
        #expect(try JSONValue(encoding: [Self.ordered]) == Self.foundation([Self.ordered]))
        #expect(try JSONValue(encoding: "text") == "text")
        #expect(try JSONValue(encoding: Optional<Int>.none) == .null)
    }

    @Test(arguments: [false, true])
    func theWriterWritesTheValuesText(pretty: Bool) throws {
        for value in [try JSONValue(encoding: Self.ordered), try JSONValue(encoding: Synthesized())] {
            var writer = JSONWriter(pretty: pretty)
            if value["name"] == "top" { try writer.encode(Self.ordered) } else { try writer.encode(Synthesized()) }
            #expect(String(decoding: writer.bytes, as: UTF8.self) == value.jsonString(pretty: pretty))
        }
    }

    /// Whatever cannot be streamed — members out of key order, a nested or super encoder, `Data` — is undone and
    /// written whole, also in the middle of a document.
    @Test func whatCannotBeStreamedIsWrittenWhole() throws {
        struct Nested: Encodable {
            enum Keys: CodingKey { case a, b }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .b)
                try container.encode(1, forKey: .a)
                try nested.encode(true, forKey: .a)
            }
        }
        let values: [any Encodable] = [Synthesized(), Nested(), Data([9]), ["b": 1, "a": 2]]
        for value in values {
            var writer = JSONWriter()
            writer.beginArray()
            writer.element()
            writer.write("before")
            writer.element()
            try writer.encode(value)
            writer.end()
            #expect(
                String(decoding: writer.bytes, as: UTF8.self)
                    == JSONValue.array(["before", try Self.foundation(value)]).jsonString())
        }
    }

    /// Encoding leaves nothing behind: the encoders a value was encoded through are gone once it is built.
    @Test func theEncodersGoWhenTheValueIsBuilt() throws {
        final class Spy: Encodable {
            weak var encoder: AnyObject?
            func encode(to encoder: any Encoder) throws {
                self.encoder = encoder as AnyObject
                var container = encoder.container(keyedBy: Ordered.CodingKeys.self)
                try container.encode(1, forKey: .count)
            }
        }
        let spy = Spy()
        #expect(try JSONValue(encoding: ["outer": [spy]]) == ["outer": [["count": 1]]])
        #expect(spy.encoder == nil)
    }

    @Test func aNonFiniteNumberIsAnError() {
        #expect(throws: EncodingError.self) { try JSONValue(encoding: [Double.nan]) }
    }

    @Test func valuesDecodeBackToWhatWasEncoded() throws {
        #expect(try JSONValue(encoding: Self.ordered).decode(as: Ordered.self) == Self.ordered)
        #expect(try JSONValue(encoding: Synthesized()).decode(as: Synthesized.self) == Synthesized())
        #expect(try JSONValue(encoding: [1, 2]).decode(as: [Int8].self) == [1, 2])
    }

    static let refusals: [(JSONValue, String)] = [
        (["count": 1, "items": [], "json": nil, "note": nil], #"name: missing required key "name""#),
        (
            ["count": "1", "items": [], "json": nil, "name": "x", "note": nil],
            #"count: expected a whole number, found the string "1""#
        ),
        (
            ["count": 1.5, "items": [], "json": nil, "name": "x", "note": nil],
            "count: the number 1.5 is not a whole number that fits Int"
        ),
        (
            ["count": 1, "items": [["count": 1, "items": [], "json": nil, "name": 7]], "json": nil, "name": "x"],
            "items[0].name: expected a string, found the number 7"
        ),
        (["count": 1, "items": [:], "json": nil, "name": "x"], "items: expected an array, found an object"),
        ([1], "expected an object, found an array"),
    ]

    @Test(arguments: refusals)
    func whatDoesNotFitIsRefusedWithItsPath(json: JSONValue, message: String) {
        #expect {
            try json.decode(as: Ordered.self)
        } throws: { error in
            (error as? JSONDecodingError)?.description == message
        }
    }

    @Test func anUnknownCaseNamesTheOnesThereAre() {
        #expect {
            try JSONValue.array(["red", "blue\u{1B}"]).decode(as: [Colour].self)
        } throws: { error in
            "\(error)" == #"[1]: expected one of red, green, found the string "blue\u001b""#
        }
    }
}
