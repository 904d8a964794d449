import Foundation
import JSON
import Testing

/// The parser behind `JSONValue.parse`, checked against Foundation's `JSONDecoder` (through `Decodable`) on the
/// same text, and on what it must refuse.
@Suite struct JSONParserTests {
    static let documents = [
        #"{"a":1,"b":1.5,"c":true,"d":null,"e":"x","f":[1,"2"],"g":{"h":-9007199254740993}}"#,
        #"[0, -0, 1.0, 1e2, 2.5E-3, -1.25, 9223372036854775807, 9223372036854775808, -9223372036854775808]"#,
        #"{"escapes":"\"\\\/\b\f\n\r\t","unicode":"\u00e9\u4e2d\ud83d\ude00","raw":"é中😀","empty":""}"#,
        #"  {"nested":{"deeper":[[],{},[{"x":[null,false]}]]}}  "#,
        #""just a string""#, "42", "true", "null",
    ]

    @Test(arguments: documents) func parsesAsJSONDecoderDoes(text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test func parsesTheRealServersSamplesAsJSONDecoderDoes() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared/reference/kube-api-samples"
        ).standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".txt") }
        var bodies = 0
        for file in files {
            let text = try String(contentsOf: samples.appendingPathComponent(file), encoding: .utf8)
            // A response body is printed indented, from a line `{` to the next line `}`.
            let lines = text.components(separatedBy: "\n")
            guard let open = lines.firstIndex(of: "{"), let close = lines[open...].firstIndex(of: "}") else { continue }
            let data = Data(lines[open...close].joined(separator: "\n").utf8)
            #expect(try JSONValue.parse(data) == JSONDecoder().decode(JSONValue.self, from: data), "\(file)")
            bodies += 1
        }
        #expect(bodies > 10, "the samples hold JSON bodies")
    }

    static let invalid: [(String, String)] = [
        ("", "unexpected end of input"), ("{", "expected a quoted member name"), (#"{"a" 1}"#, "expected ':'"),
        ("[1,]", "unexpected character"), ("[1 2]", "expected ',' or ']'"), ("01", "leading zero"),
        ("-", "expected a digit"), ("1.", "expected a digit after '.'"), ("1e", "exponent"), ("tru", "unexpected"),
        (#""abc"#, "unterminated string"), ("\"a\u{01}b\"", "control character"), (#""\x""#, "invalid escape"),
        (#""\ud800""#, "unpaired surrogate"), (#""\u12g4""#, "hex digit"), ("{} x", "after the value"),
        ("1e999", "out of range"),
    ]

    @Test(arguments: invalid) func refusesInvalidText(text: String, reason: String) {
        #expect {
            try JSONValue.parse(text)
        } throws: { error in
            "\(error)".contains(reason) && "\(error)".hasPrefix("invalid JSON at byte ")
        }
    }

    @Test func aDuplicateKeyKeepsItsLastValueAsTheAPIServerDoes() throws {
        #expect(try JSONValue.parse(#"{"dup":1,"dup":2}"#) == ["dup": 2])
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Data([0x22, 0xFF, 0xFE, 0x22])) }
    }

    @Test func boundsNestingInsteadOfExhaustingTheStack() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
        let allowed = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(try JSONValue.parse(allowed).arrayValue?.count == 1)
    }
}
