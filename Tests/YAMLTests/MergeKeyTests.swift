import Testing

@testable import YAML

/// YAML merge keys, as kubectl's reader takes them: `<<: *defaults` joins the defaults' keys where it stands.
@Suite struct MergeKeyTests {
    @Test func aMergedMappingFillsTheKeysTheMappingDoesNotSet() throws {
        let node = document(
            """
            defaults: &defaults
              cpu: 500m
              memory: 512Mi
            web:
              memory: 1Gi
              <<: *defaults
              pods: 4
            """)
        let web = try #require(node["web"])
        #expect(web.mapping?.map { $0.key.string } == ["memory", "cpu", "pods"])
        #expect(web["memory"]?.string == "1Gi", "the mapping's own key wins, even written before the <<")
        #expect(web["cpu"]?.mark == Mark(line: 2, column: 8), "merged values keep the place they were written")
    }

    @Test func aListOfMappingsMergesFirstWins() throws {
        let node = document("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n")
        let c = try #require(node["c"])
        #expect(c.mapping?.map { $0.key.string } == ["x", "y", "z"])
        #expect(c["y"]?.scalar?.resolved == .int(1))
    }

    @Test func aQuotedKeyIsAnOrdinaryKey() throws {
        let node = document("\"<<\": {x: 1}\n")
        #expect(node.mapping?.map { $0.key.string } == ["<<"])
    }

    @Test(arguments: [
        ("m:\n  <<: 5\n", Mark(line: 2, column: 7)), ("m:\n  <<: [{a: 1}, 7]\n", Mark(line: 2, column: 16)),
    ])
    func aMergeOfSomethingElseIsAnErrorAtIt(text: String, mark: Mark) {
        let error = parseError(text)
        #expect(error?.mark == mark)
        #expect(error?.message == "a merge key (<<) takes a mapping or a list of mappings")
    }
}
