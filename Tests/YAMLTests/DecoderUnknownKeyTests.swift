import JSON
import Testing

@testable import YAML

@Suite struct DecoderUnknownKeyTests {
    private struct Spec: Decodable {
        struct Quota: Decodable { var cpu: String; var memory: String? }
        var name: String
        var quota: Quota?
        var labels: [String: String]?
        var extra: JSONValue?
        var either: Either?
    }

    /// Tries a mapping shape first and falls back to a plain string.
    private enum Either: Decodable {
        struct Full: Decodable { var value: String; var strict: Bool }
        case full(Full)
        case short(String)

        init(from decoder: any Decoder) throws {
            if let full = try? Full(from: decoder) {
                self = .full(full)
            } else {
                self = .short(try String(from: decoder))
            }
        }
    }

    /// Tries a struct first and falls back to keeping the whole mapping, calling `init(from:)` directly.
    private enum Loose: Decodable {
        struct Known: Decodable { var a: Int }
        case known(Known)
        case other(JSONValue)

        init(from decoder: any Decoder) throws {
            if let known = try? Known(from: decoder) {
                self = .known(known)
            } else {
                self = .other(try decoder.singleValueContainer().decode(JSONValue.self))
            }
        }
    }

    @Test func aFailedDirectAttemptFollowedByAFreeFormFallbackIsNotReported() throws {
        let loose = try YAMLDecoder(unknownKeys: .reject).decode([Loose].self, from: "[{a: 1}, {b: 2}]", file: "l")
        guard loose.count == 2, case .known(let known) = loose[0], case .other(let other) = loose[1] else {
            Issue.record("unexpected \(loose)")
            return
        }
        #expect(known.a == 1)
        #expect(other == ["b": 2])
    }

    private func reject(_ text: String) throws -> Spec {
        try YAMLDecoder(unknownKeys: .reject).decode(Spec.self, from: text, file: "s.yaml")
    }

    @Test func ignoredByDefault() throws {
        let spec = try YAMLDecoder().decode(Spec.self, from: "name: a\nquotas: {}\n", file: "s.yaml")
        #expect(spec.name == "a")
    }

    @Test func rejectedWithASuggestionAtTheKey() {
        #expect(
            throws: YAMLDecodingError(
                file: "s.yaml", mark: Mark(line: 3, column: 3), path: "quota.memroy",
                message: "unknown key \"memroy\"; did you mean \"memory\"?")
        ) {
            try reject("name: a\nquota:\n  memroy: 1Gi\n  cpu: \"1\"\n  zzz: 1\n")
        }
        #expect(
            throws: YAMLDecodingError(
                file: "s.yaml", mark: Mark(line: 2, column: 1), path: "unrelated", message: "unknown key \"unrelated\"")
        ) {
            try reject("name: a\nunrelated: 1\n")
        }
    }

    @Test func reportsTheFirstUnknownKeyInDocumentOrder() {
        let error = #expect(throws: YAMLDecodingError.self) {
            try reject("quota: {cpu: \"1\", typo: 2}\nname: a\nlater: 3\n")
        }
        #expect(error?.path == "quota.typo")
        #expect(error?.mark == Mark(line: 1, column: 19))
    }

    @Test func dictionariesJSONValuesAndFallbacksAreNotReported() throws {
        let spec = try reject(
            """
            name: a
            labels: {anything: goes}
            extra: {free: [form]}
            either: short
            """)
        #expect(spec.labels == ["anything": "goes"])
        guard case .short("short")? = spec.either else {
            Issue.record("expected the short form")
            return
        }
        let full = try reject("name: a\neither: {value: v, strict: true}\n")
        guard case .full(let value)? = full.either else {
            Issue.record("expected the full form")
            return
        }
        #expect(value.strict)
        #expect(throws: YAMLDecodingError.self) { try reject("name: a\neither: {value: v, strict: true, stray: 1}\n") }
    }
}
