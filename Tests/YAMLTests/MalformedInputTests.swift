import Testing

@testable import YAML

/// Every malformed input ends in a `YAMLError` at a sensible mark, quickly and without a crash.
/// Serialized so the timing checks of the big inputs do not compete with each other for the CPU.
@Suite(.serialized) struct MalformedInputTests {
    /// Runs `body` and checks that it took under fifteen seconds (a hang or blow-up takes far longer; a loaded machine with end-to-end tests beside it takes a few seconds). Big inputs are built as bytes: building a 10 MB
    /// `String` by repetition alone takes longer than that in a debug build.
    private func quickly<T>(_ body: () -> T, sourceLocation: SourceLocation = #_sourceLocation) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let result = body()
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(15), "took \(elapsed)", sourceLocation: sourceLocation)
        return result
    }

    @Test func tabsUsedForIndentation() {
        let error = parseError("spec:\n\tname: acme\n")
        #expect(error?.mark == Mark(line: 2, column: 1))
        #expect(error?.message == "found a tab character that violates indentation; indent YAML with spaces")
        let nested = parseError("spec:\n  quota:\n  \tcpu: 1\n")
        #expect(nested?.mark.line == 3)
        #expect(nested?.message.contains("tab character") == true)
    }

    @Test func unclosedQuotesPointAtTheOpeningQuote() {
        let double = parseError("a: 1\nb: \"never closed\nc: 3\n")
        #expect(double?.mark == Mark(line: 2, column: 4))
        #expect(double?.message == "this quoted string is never closed: the input ends before its closing quote")
        let single = parseError("a: 'x")
        #expect(single?.mark == Mark(line: 1, column: 4))
    }

    @Test func badIndentation() {
        let mapping = parseError("spec:\n  name: a\n   extra: b\n")
        #expect(mapping?.mark == Mark(line: 3, column: 9))
        #expect(mapping?.message.contains("mapping value") == true)
        let dedent = parseError("spec:\n    name: a\n  other: b\n")
        #expect(dedent?.mark == Mark(line: 3, column: 3))
        #expect(
            dedent?.message
                == "bad indentation: expected a key of the mapping that starts at line 1, column 1, or the end of that mapping"
        )
        let sequence = parseError("items:\n  - a\n  - b\n c: d\n")
        #expect(sequence?.mark.line == 4)
    }

    @Test func unclosedFlowCollections() {
        let error = parseError("a: [1, 2\nb: c\n")
        #expect(error?.mark.line == 2)
        #expect(error?.message.contains("flow sequence that starts at line 1, column 4") == true)
    }

    @Test func invalidUTF8IsReportedWhereItStands() {
        let bytes = Array("name: ok\nbad: x".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        let error = parseError(bytes)
        #expect(error?.mark == Mark(line: 2, column: 7))
        #expect(error?.message.hasPrefix("the input is not valid UTF-8") == true)
        let truncated = parseError(Array("é: ".utf8) + [0xC3])
        #expect(truncated?.mark == Mark(line: 1, column: 4))
    }

    @Test func nulBytesAreRejected() {
        let error = parseError(Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8))
        #expect(error?.mark == Mark(line: 2, column: 5))
        #expect(error?.message == "found a NUL byte; YAML text cannot contain control characters")
        #expect(parseError([0])?.mark == Mark(line: 1, column: 1))
    }

    @Test func aTenMegabyteLineFailsOnTheScalarLimit() {
        let line = Array("key: ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 10 << 20) + [0x0A]
        let error = quickly { parseError(line) }
        #expect(error?.mark == Mark(line: 1, column: 6))
        #expect(error?.message == "this scalar is 10485760 bytes long, more than the limit of 1048576 bytes")
    }

    @Test func aTwoMegabyteKeyFailsOnTheScalarLimit() {
        let key = [UInt8](repeating: UInt8(ascii: "k"), count: 2 << 20) + Array(": v\n".utf8)
        let error = quickly { parseError(key) }
        #expect(error?.mark == Mark(line: 1, column: 1))
        #expect(error?.message == "this scalar is 2097152 bytes long, more than the limit of 1048576 bytes")
    }

    @Test func anOverlongKeyIsNotAKey() {
        let error = parseError(String(repeating: "k", count: 2000) + ": v\n")
        #expect(error?.mark == Mark(line: 1, column: 2001))
        #expect(
            error?.message
                == "a mapping value (': ') is not allowed here; a key must be on one line and shorter than 1024 characters"
        )
    }

    @Test func inputOverTheSizeLimit() {
        let limits = YAMLLimits(maxInputBytes: 10, maxDepth: 8, maxNodes: 100, maxScalarBytes: 100)
        let error = parseError("a: 12345678901\n", limits: limits)
        #expect(error?.description == "bad.yaml:1:1: the input is 15 bytes, more than the limit of 10 bytes")
    }

    @Test func tenThousandDeepFlowNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = quickly { parseError(text) }
        #expect(error?.mark == Mark(line: 1, column: 513))
        #expect(error?.message == "nesting is deeper than the limit of 512 levels")
        let mappings = quickly { parseError(String(repeating: "{a: ", count: 10_000)) }
        #expect(mappings?.message == "nesting is deeper than the limit of 512 levels")
    }

    @Test func tenThousandDeepBlockNesting() {
        let text = String(repeating: "- ", count: 10_000) + "x\n"
        let error = quickly { parseError(text) }
        #expect(error?.mark == Mark(line: 1, column: 1025))
        var indented = ""
        for level in 0..<2_000 { indented += String(repeating: " ", count: level) + "k:\n" }
        let deep = quickly { parseError(indented) }
        #expect(deep?.mark == Mark(line: 512, column: 512))
    }

    @Test func tooManyNodesWithoutAliases() {
        let limits = YAMLLimits(maxInputBytes: 1 << 20, maxDepth: 8, maxNodes: 1000, maxScalarBytes: 100)
        let text = "[" + Array(repeating: "1", count: 5000).joined(separator: ",") + "]"
        let error = parseError(text, limits: limits)
        #expect(error?.mark == Mark(line: 1, column: 2 + 999 * 2))
    }

    @Test func otherSyntaxErrorsAreSentences() {
        let cases: [(String, Mark)] = [
            ("a: b: c\n", Mark(line: 1, column: 5)),
            ("- a\nb: c\n", Mark(line: 2, column: 1)),
            ("a: @x\n", Mark(line: 1, column: 4)),
            ("a: *\n", Mark(line: 1, column: 4)),
            ("a: \"\\q\"\n", Mark(line: 1, column: 5)),
            ("key: [a, b]]\n", Mark(line: 1, column: 12)),
        ]
        for (text, mark) in cases {
            let error = parseError(text)
            #expect(error?.mark == mark, "\(text.debugDescription): \(String(describing: error))")
            #expect(error?.message.isEmpty == false)
        }
        #expect(parseError("a: *\n")?.message == "expected a name of letters, digits, '-' or '_' after '*'")
        #expect(parseError("key: [a, b]]\n")?.message == "found an unexpected ']' that closes no flow collection")
        #expect(
            parseError("a: @x\n")?.message
                == "found the character '@', which cannot start a YAML value; quote the value")
    }
}
