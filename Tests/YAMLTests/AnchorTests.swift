import Testing

@testable import YAML

@Suite struct AnchorTests {
    @Test func aliasesCopyTheAnchoredNodeMarkedWhereTheAliasStands() throws {
        let node = document(
            """
            base: &limits
              cpu: 500m
              memory: 512Mi
            default: *limits
            list: [&x one, *x, *x]
            """)
        let base = try #require(node["base"])
        let copy = try #require(node["default"])
        #expect(copy.mark == Mark(line: 4, column: 10))
        #expect(copy.mapping == base.mapping)
        #expect(copy["cpu"]?.mark == Mark(line: 2, column: 8), "children keep the anchor's marks")
        #expect(node["list"]?.sequence?.map(\.string) == ["one", "one", "one"])
        #expect(node["list"]?[2]?.mark == Mark(line: 5, column: 20))
    }

    @Test func anchorsCanBeRedefinedAndAreScopedToTheirDocument() {
        let node = document("a: &v 1\nb: *v\nc: &v 2\nd: *v\n")
        #expect(node["b"]?.scalar?.resolved == .int(1))
        #expect(node["d"]?.scalar?.resolved == .int(2))
        let error = parseError("a: &v 1\n---\nb: *v\n")
        #expect(error?.mark == Mark(line: 3, column: 4))
        #expect(error?.message == "unknown alias *v: no anchor &v comes before it in this document")
    }

    @Test func recursiveAliasesAreRejected() {
        let error = parseError("a: &self\n  b: *self\n")
        #expect(error?.mark == Mark(line: 2, column: 6))
        #expect(error?.message == "alias *self refers to a node that contains it; recursive aliases are not allowed")
    }

    @Test func aliasedKeysCountAsDuplicates() {
        let error = parseError("k: &k name\nm:\n  name: 1\n  *k : 2\n")
        #expect(error?.mark == Mark(line: 4, column: 3))
        #expect(error?.message == "duplicate key \"name\" (first defined at line 3, column 3)")
    }

    @Test func billionLaughsStopsAtTheNodeLimit() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        let start = clock.now
        let error = parseError(text)
        #expect(clock.now - start < .seconds(15), "a blow-up takes minutes; a loaded machine only seconds")
        #expect(error?.message == "the document has more than 1000000 nodes once aliases are expanded")
        #expect(error?.mark.line == 7, "9^6 × 10 nodes are reached at the 6th level: \(String(describing: error))")
    }

    @Test func aliasesCountTowardsTheDepthLimit() {
        let limits = YAMLLimits(maxInputBytes: 1000, maxDepth: 4, maxNodes: 1000, maxScalarBytes: 100)
        #expect(documents("a: &d [[x]]\nb: *d\n", limits: limits).count == 1)
        let error = parseError("a: &d [[x]]\nb: [*d]\n", limits: limits)
        #expect(error?.mark == Mark(line: 2, column: 5))
        #expect(error?.message == "nesting is deeper than the limit of 4 levels")
    }
}
