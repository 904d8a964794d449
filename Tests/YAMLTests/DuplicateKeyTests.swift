import Testing

@testable import YAML

@Suite struct DuplicateKeyTests {
    @Test func secondKeyIsReportedNamingTheFirstLine() {
        let error = parseError(
            """
            metadata:
              name: acme
              labels: {}
              name: other
            """)
        #expect(error?.description == "bad.yaml:4:3: duplicate key \"name\" (first defined at line 2, column 3)")
    }

    @Test func keysCompareByTheirKeyString() {
        #expect(parseError("1: a\n\"1\": b\n")?.mark == Mark(line: 2, column: 1))
        #expect(parseError("0x10: a\n16: b\n")?.message == "duplicate key \"16\" (first defined at line 1, column 1)")
        #expect(parseError("{a: 1, 'a': 2}")?.mark == Mark(line: 1, column: 8))
        #expect(parseError("~: 1\nnull: 2\n")?.message == "duplicate key \"null\" (first defined at line 1, column 1)")
    }

    @Test func sameKeyInDifferentMappingsIsFine() {
        let docs = documents("a: {name: 1}\nb: {name: 2}\n---\na: 3\n")
        #expect(docs.count == 2)
        #expect(docs[0]["b"]?["name"]?.scalar?.resolved == .int(2))
        #expect(docs[0].pair(forKey: "a")?.value.mapping?.count == 1)
    }
}
