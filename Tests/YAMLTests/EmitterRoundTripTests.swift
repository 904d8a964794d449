import JSON
import Testing

@testable import YAML

/// emit → parse → toJSON gives back exactly what was emitted, for tricky strings and random values.
@Suite struct EmitterRoundTripTests {
    static let trickyStrings: [String] = [
        "true", "True", "TRUE", "false", "yes", "no", "on", "off", "y", "n", "Y", "NO",
        "1", "-1", "+1", "0", "-0", "007", "0644", "08", "0x10", "0o7", "0b101", "1_000", "1e3", "1E3", "1.5",
        ".5", "1.", "-.5", ".inf", "-.inf", "+.inf", ".nan", ".NaN", "9223372036854775808", "12:30", "1:2:3",
        "2024-01-02", "2001-12-14t21:59:43.10-05:00", "~", "null", "Null", "NULL", "", " ", "  ", "  leading",
        "trailing ", "a: b", "a:b", "a :b", "http://example.com:8080/x", "- x", "-", "--", "---", "--- x", "...",
        "- ", "?", "? x", ":", ": x", "::", "#", "# comment", "a #b", "a# b", "[", "]", "{", "}", "[a]", "{a: 1}",
        ",", "a,b", "*alias", "&anchor", "!tag", "!!str", "!", "|", "|-", ">", "'", "\"", "'quoted'", "\"dq\"",
        "%", "%YAML 1.2", "@at", "`tick", "<<", "=", "multi\nline", "multi\nline\n", "trailing newlines\n\n\n",
        "\n", "\n\n", "\nleading newline", "  indented\nlines", "line\n  indented after", "tab\there", "\t",
        "\ttab first", "carriage\rreturn", "crlf\r\nend", "nel\u{85}x", "ls\u{2028}x", "ps\u{2029}x", "bell\u{7}",
        "nul\u{0}byte", "esc\u{1B}[0m", "del\u{7F}", "emoji 🎉", "日本語", "żółw", "bom\u{FEFF}", "\u{FEFF}",
        "nbsp\u{A0}", "\u{A0}", "trailing space \nnext", "space \n", "x\n  indented", "a\\b", "\\", "\\n",
        "key: value\nother: x", "- item\n- item", "v1.30", "64Gi", "500m", "1e3Mi", "0.0.0.0/0", "10.0.0.0/16",
        "${tenant.name}", "app.kubernetes.io/managed-by", "a\u{0301}", "\u{10FFFF}", "\u{FFFD}",
        "\u{E000}", "\u{FFFE}", String(repeating: "long words ", count: 200), String(repeating: "x", count: 5000),
        "ends with colon:", "ends with hash #", " # leading hash", "'single' inside", "it's", "say \"hi\"",
        "---\n", "...\n", "a\n---\nb", "a\n...\nb", "|\n  block", "\n  \n", " \n ", "\u{2003}em space",
    ]

    /// Deterministic pseudo-random numbers (SplitMix64), so a failure reproduces.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet = Array("ab -:#?,[]{}'\"\\|>!&*%@`~\n\t\r 0123456789.eE+_xoé日🎉\u{0}\u{85}\u{2028}")

    static func randomString(_ rng: inout Generator) -> String {
        if Bool.random(using: &rng) { return trickyStrings.randomElement(using: &rng) ?? "" }
        let length = Int.random(in: 0...12, using: &rng)
        return String((0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
    }

    static func randomDouble(_ rng: inout Generator) -> Double {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return Double(Int.random(in: -1000...1000, using: &rng))
        case 1: return .infinity
        case 2: return -.infinity
        case 3: return Double(bitPattern: rng.next())
        case 4:
            return [0.1, 1e-7, 5e-324, 1.7976931348623157e308, 1e21, 123456789.125, -0.0].randomElement(using: &rng)
                ?? 0
        default: return Double.random(in: -1e6...1e6, using: &rng)
        }
    }

    static func randomValue(_ rng: inout Generator, depth: Int) -> JSONValue {
        let choice = Int.random(in: 0..<(depth < 4 ? 8 : 5), using: &rng)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2:
            let extremes: [Int64] = [.min, .max, 0, -1, 420]
            return .int(
                Bool.random(using: &rng) ? Int64(bitPattern: rng.next()) : extremes.randomElement(using: &rng) ?? 0)
        case 3:
            let value = randomDouble(&rng)
            return value.isNaN ? .double(0.5) : .double(value)
        case 4: return .string(randomString(&rng))
        case 5, 6:
            let count = Int.random(in: 0...4, using: &rng)
            var members: [String: JSONValue] = [:]
            for _ in 0..<count { members[randomString(&rng)] = randomValue(&rng, depth: depth + 1) }
            return .object(members)
        default:
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) })
        }
    }

    private func roundTrip(_ values: [JSONValue]) throws -> [JSONValue] {
        let text = try YAMLEmitter.emit(values)
        return try YAMLParser.parse(text, file: "roundtrip.yaml").map { try $0.toJSON() }
    }

    @Test(arguments: trickyStrings)
    func trickyStringRoundTrips(_ string: String) throws {
        let value: JSONValue = .string(string)
        #expect(try roundTrip([value]) == [value], "top level")
        #expect(try roundTrip([["k": value]]) == [["k": value]], "as a value")
        #expect(try roundTrip([[value]]) == [[value]], "in a sequence")
        #expect(try roundTrip([.object([string: 1])]) == [.object([string: 1])], "as a key")
    }

    @Test func stringsThatReadAsOtherTypesAreQuoted() throws {
        for string in ["true", "1", "null", "1e3", "", "yes", "0x10", "~", ".inf", "12:30", "- x", "a: b"] {
            let text = try YAMLEmitter.emit([["k": .string(string)]])
            #expect(text.hasPrefix("k: \"") || text.hasPrefix("k: '"), "\(string.debugDescription) → \(text)")
        }
        for string in ["acme", "v1.30", "64Gi", "500m", "hello world", "a-b", "x.y/z"] {
            #expect(try YAMLEmitter.emit([["k": .string(string)]]) == "k: \(string)\n")
        }
    }

    @Test func randomValuesRoundTrip() throws {
        var rng = Generator(state: 20_241_122)
        for round in 0..<400 {
            let values = (0..<Int.random(in: 1...3, using: &rng)).map { _ in Self.randomValue(&rng, depth: 0) }
            let back = try roundTrip(values)
            let text = try YAMLEmitter.emit(values)
            #expect(back == values, "round \(round): \(text)")
            if back != values { return }
        }
    }

    @Test func numbersRoundTripExactly() throws {
        var rng = Generator(state: 7)
        var values: [JSONValue] = [.int(.min), .int(.max), .double(.infinity), .double(-.infinity), .double(-0.0)]
        for _ in 0..<500 {
            values.append(.int(Int64(bitPattern: rng.next())))
            let double = Double(bitPattern: rng.next())
            if !double.isNaN { values.append(.double(double)) }
        }
        #expect(try roundTrip([.array(values)]) == [.array(values)])
        let nan = try YAMLParser.parse(try YAMLEmitter.emit([.double(.nan)]), file: "n").first?.toJSON()
        #expect(nan?.isNaNDouble == true)
    }
}

extension JSONValue {
    fileprivate var isNaNDouble: Bool {
        if case .double(let value) = self { return value.isNaN }
        return false
    }
}
