import Testing

@testable import YAML

@Suite struct ParserPositionTests {
    static let tenant = """
        # tenants
        apiVersion: tenantctl.io/v1
        kind: Tenant
        metadata:
          name: acme
        spec:
          owners:
            - group: acme-admins
            - {user: "bob", group: 'ops'}
          namespaces: [acme-web, acme-data]
          script: |
            echo hi
        ---
        kind: ClusterInventory
        clusters:
        - name: shared-prod
          version: v1.30
        """

    @Test func marksEveryNodeInAMultiDocumentStream() throws {
        let docs = documents(Self.tenant)
        try #require(docs.count == 2)
        let tenant = docs[0]
        #expect(tenant.mark == Mark(line: 2, column: 1))
        let apiVersion = try #require(tenant.pair(forKey: "apiVersion"))
        #expect(apiVersion.key.mark == Mark(line: 2, column: 1))
        #expect(apiVersion.value.mark == Mark(line: 2, column: 13))
        #expect(tenant["metadata"]?.mark == Mark(line: 5, column: 3))
        #expect(tenant["metadata"]?["name"]?.mark == Mark(line: 5, column: 9))
        let owners = try #require(tenant["spec"]?["owners"])
        #expect(owners.mark == Mark(line: 8, column: 5))
        #expect(owners[0]?.mark == Mark(line: 8, column: 7))
        #expect(owners[0]?["group"]?.mark == Mark(line: 8, column: 14))
        #expect(owners[1]?.mark == Mark(line: 9, column: 7))
        #expect(owners[1]?["user"]?.mark == Mark(line: 9, column: 14))
        #expect(owners[1]?["user"]?.scalar?.style == .doubleQuoted)
        #expect(owners[1]?["group"]?.mark == Mark(line: 9, column: 28))
        #expect(owners[1]?["group"]?.scalar?.style == .singleQuoted)
        let namespaces = try #require(tenant["spec"]?["namespaces"])
        #expect(namespaces.mark == Mark(line: 10, column: 15))
        #expect(namespaces[1]?.mark == Mark(line: 10, column: 26))
        #expect(namespaces[1]?.string == "acme-data")
        let script = try #require(tenant["spec"]?["script"])
        #expect(script.mark == Mark(line: 11, column: 11))
        #expect(script.scalar == Scalar(text: "echo hi\n", style: .literal, resolved: .string("echo hi\n")))

        let inventory = docs[1]
        #expect(inventory.mark == Mark(line: 14, column: 1))
        let clusters = try #require(inventory["clusters"])
        #expect(clusters.mark == Mark(line: 16, column: 1))
        #expect(clusters[0]?["version"]?.mark == Mark(line: 17, column: 12))
    }

    @Test func columnsCountCodePointsNotBytes() throws {
        let node = document("name: \"żółw\" # ü\nnext: [ä, ö]\nnested: {日本: 語, b: c}\n")
        #expect(node["name"]?.mark == Mark(line: 1, column: 7))
        #expect(node["next"]?[1]?.mark == Mark(line: 2, column: 11))
        #expect(node["nested"]?.pair(forKey: "b")?.key.mark == Mark(line: 3, column: 17))
        #expect(node["nested"]?["b"]?.mark == Mark(line: 3, column: 20))
    }

    @Test func crlfLineEndingsCountAsOneBreak() {
        let node = document("a: 1\r\nb: [x, y]\r\nc: z\r\n")
        #expect(node["b"]?[1]?.mark == Mark(line: 2, column: 8))
        #expect(node["c"]?.mark == Mark(line: 3, column: 4))
        let error = parseError(Array("a: 1\r\nb: 2\r\nc: ".utf8) + [0xFF])
        #expect(error?.mark == Mark(line: 3, column: 4))
    }

    @Test func streamsAndEmptyDocuments() {
        #expect(documents("").isEmpty)
        #expect(documents("# only a comment\n").isEmpty)
        let empties = documents("---\n---\n# nothing\n")
        #expect(empties.count == 2)
        #expect(empties.allSatisfy { $0.isNull })
        #expect(documents("a: 1\n...\n---\nb: 2\n").count == 2)
        let scalars = documents("--- first\n--- second\n")
        #expect(scalars.map(\.string) == ["first", "second"])
        #expect(scalars[1].mark == Mark(line: 2, column: 5))
    }

    @Test func bytesAndStringEntryPointsAgree() throws {
        let text = "a: [1, two, 3.5]\n"
        let fromBytes = try YAMLParser.parse(Array(text.utf8), file: "f")
        let fromString = try YAMLParser.parse(text, file: "f")
        #expect(fromBytes == fromString)
        let withBOM = try YAMLParser.parse([0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "f")
        #expect(withBOM.first?["a"]?[1]?.string == "two")
    }

    @Test func keepsTagsInShortForm() {
        let node = document("a: !!str 12\nb: !!int \"12\"\nc: !!float 3\n")
        #expect(node["a"]?.tag == "!!str")
        #expect(node["a"]?.scalar?.resolved == .string("12"))
        #expect(node["b"]?.scalar?.resolved == .int(12))
        #expect(node["c"]?.scalar?.resolved == .float(3))
        #expect(node["c"]?.tag == "!!float")
    }
}
