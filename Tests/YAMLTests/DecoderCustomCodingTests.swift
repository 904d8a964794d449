import JSON
import Testing

@testable import YAML

/// A quantity that accepts `16`, `"16"` or `500m` and rejects anything else with its own message.
private struct Quantity: Decodable, Equatable {
    var text: String

    init(text: String) { self.text = text }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            text = String(number)
            return
        }
        let text = try container.decode(String.self)
        guard text.first?.isNumber == true else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a quantity")
        }
        self.text = text
    }
}

/// Hand-written keyed decoding with a validation error attached to one key.
private struct Range: Decodable, Equatable {
    enum CodingKeys: String, CodingKey { case min, max }
    var min: Int
    var max: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        min = try container.decode(Int.self, forKey: .min)
        max = try container.decode(Int.self, forKey: .max)
        guard min <= max else {
            throw DecodingError.dataCorruptedError(
                forKey: .max, in: container, debugDescription: "max must be at least min (\(min))")
        }
    }
}

/// A pair read from a two-item sequence through an unkeyed container.
private struct Point: Decodable, Equatable {
    var x: Double
    var y: Double

    init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        x = try container.decode(Double.self)
        y = try container.decode(Double.self)
    }
}

private struct Holder: Decodable {
    var quantities: [String: Quantity]?
    var range: Range?
    var points: [Point]?
    var raw: Node?
    var ratio: Float?
}

@Suite struct DecoderCustomCodingTests {
    private func decode(_ text: String) throws -> Holder {
        try YAMLDecoder().decode(Holder.self, from: text, file: "h.yaml")
    }

    private func error(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> YAMLDecodingError? {
        do {
            _ = try decode(text)
            Issue.record("expected an error", sourceLocation: sourceLocation)
        } catch let error as YAMLDecodingError {
            return error
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test func customSingleValueTypesWorkAndTheirErrorsGetMarks() throws {
        let holder = try decode("quantities: {cpu: 16, memory: 64Gi, small: \"500m\"}")
        #expect(
            holder.quantities == [
                "cpu": .init(text: "16"), "memory": .init(text: "64Gi"), "small": .init(text: "500m"),
            ])
        let bad = error("quantities:\n  cpu: lots\n")
        #expect(bad?.description == "h.yaml:2:8: error: quantities.cpu: \"lots\" is not a quantity")
    }

    @Test func errorsThrownForAKeyPointAtThatKeysValue() {
        let bad = error("range:\n  min: 5\n  max: 2\n")
        #expect(bad?.description == "h.yaml:3:8: error: range.max: max must be at least min (5)")
    }

    @Test func unkeyedContainersReportShortSequences() throws {
        #expect(try decode("points: [[1, 2], [3.5, -4]]").points == [Point(x: 1, y: 2), Point(x: 3.5, y: -4)])
        let short = error("points:\n  - [1, 2]\n  - [3]\n")
        #expect(
            short?.description == "h.yaml:3:5: error: points[1][1]: expected another item, but the sequence has only 1")
        let wrong = error("points: [[1, x]]")
        #expect(wrong?.description == "h.yaml:1:14: error: points[0][1]: expected a number, found string \"x\"")
    }

    @Test func nodeFieldsKeepTheirMarks() throws {
        let holder = try decode("raw:\n  nested: [a, b]\n")
        #expect(holder.raw?["nested"]?[1]?.mark == Mark(line: 2, column: 15))
        #expect(holder.raw?["nested"]?[1]?.string == "b")
    }

    @Test func floatsAndMissingOptionals() throws {
        let holder = try decode("ratio: 0.5")
        #expect(holder.ratio == 0.5)
        #expect(holder.range == nil && holder.points == nil && holder.quantities == nil)
        #expect(error("ratio: 1e300")?.message == "the number 1e+300 does not fit in a 32-bit float")
    }

    @Test func jsonValuesDecodeWholeSubtrees() throws {
        let value = try YAMLDecoder().decode(
            [String: JSONValue].self, from: "a: {b: [1, 2.5, true, null, x]}\nc: 0x10\n", file: "j")
        #expect(value == ["a": ["b": [1, 2.5, true, nil, "x"]], "c": 16])
        do {
            _ = try YAMLDecoder().decode([String: JSONValue].self, from: "a:\n  ? [k]\n  : v\n", file: "j.yaml")
            Issue.record("expected an error")
        } catch let error as YAMLDecodingError {
            #expect(
                error.description
                    == "j.yaml:2:5: error: a: a mapping key must be a scalar to convert to JSON, found a sequence")
        }
    }

    @Test func userInfoReachesInitFromDecoder() throws {
        struct Probe: Decodable {
            var seen: String?
            init(from decoder: any Decoder) throws {
                seen = decoder.userInfo[CodingUserInfoKey(rawValue: "who")!] as? String
            }
        }
        var decoder = YAMLDecoder()
        decoder.userInfo[try #require(CodingUserInfoKey(rawValue: "who"))] = "tester"
        #expect(try decoder.decode(Probe.self, from: "{}", file: "p").seen == "tester")
    }

    @Test func dictionariesAndArraysOfPrimitives() throws {
        let counts = try YAMLDecoder().decode([String: [Int8]].self, from: "a: [1, -2]\nb: []\n", file: "d")
        #expect(counts == ["a": [1, -2], "b": []])
        let optionals = try YAMLDecoder().decode([String?].self, from: "[a, null, ~, '']", file: "d")
        #expect(optionals == ["a", nil, nil, ""])
    }
}
