import JSON
import Testing

@testable import YAML

@Suite struct EmitterTests {
    @Test func blockStyleTwoSpacesSortedKeysAndDocumentSeparators() throws {
        let tenant: JSONValue = [
            "metadata": ["name": "acme", "labels": ["tenantctl.io/tenant": "acme"]],
            "apiVersion": "v1",
            "kind": "Namespace",
            "spec": ["finalizers": ["kubernetes"], "empty": [], "none": [:], "count": 3, "on": true],
        ]
        let text = try YAMLEmitter.emit([tenant, ["kind": "ResourceQuota", "cpu": "16"]])
        #expect(
            text == """
                apiVersion: v1
                kind: Namespace
                metadata:
                  labels:
                    tenantctl.io/tenant: acme
                  name: acme
                spec:
                  count: 3
                  empty: []
                  finalizers:
                  - kubernetes
                  none: {}
                  "on": true
                ---
                cpu: "16"
                kind: ResourceQuota

                """)
    }

    @Test func emptyStreamAndScalarDocuments() throws {
        #expect(try YAMLEmitter.emit([JSONValue]()) == "")
        let text = try YAMLEmitter.emit(["a", 1, nil] as [JSONValue])
        let back = try YAMLParser.parse(text, file: "e").map { try $0.toJSON() }
        #expect(back == ["a", 1, nil])
    }

    @Test func multiLineStringsUseLiteralBlocks() throws {
        let script = "#!/bin/sh\niptables -A OUTPUT -d 192.168.0.10 -j REJECT\n"
        let text = try YAMLEmitter.emit([["script": .string(script)]])
        #expect(text == "script: |\n  #!/bin/sh\n  iptables -A OUTPUT -d 192.168.0.10 -j REJECT\n")
    }

    @Test func emittedNodesReadBackWithTheSameMeaning() throws {
        let source = """
            a: 0x10
            b: ~
            c: True
            d: !!str 12
            e: 'single'
            f: >
              folded
              text
            g: [x, "y: z", -1.5e3, .inf]
            ? [complex]
            : key
            """
        let nodes = try YAMLParser.parse(source, file: "n")
        let text = try YAMLEmitter.emit(nodes)
        #expect(text.contains("a: 0x10\n"), "source text kept when it resolves the same")
        #expect(text.contains("c: True\n"))
        #expect(text.contains("d: \"12\"\n"), "a !!str number must be quoted once the tag is gone")
        #expect(text.contains("e: 'single'\n"))
        let back = try YAMLParser.parse(text, file: "n")
        try #require(back.count == 1)
        #expect(back[0].mapping?.count == nodes[0].mapping?.count)
        for (original, reread) in zip(nodes[0].mapping ?? [], back[0].mapping ?? []) {
            #expect(stripped(original.key) == stripped(reread.key))
            #expect(stripped(original.value) == stripped(reread.value))
        }
    }

    @Test func nodesFromJSONRoundTrip() throws {
        let value: JSONValue = ["b": ["true", "1", 1, 1.5, nil], "a": ["nested": [[:], []]]]
        let node = Node(json: value)
        #expect(node.mark == .unknown)
        #expect(node.mapping?.first?.key.string == "a", "keys are sorted")
        let text = try YAMLEmitter.emit([node])
        #expect(try YAMLParser.parse(text, file: "j").first?.toJSON() == value)
    }

    @Test func refusesTreesTheParserWouldRefuse() {
        var value: JSONValue = "leaf"
        for _ in 0..<600 { value = [value] }
        #expect(throws: YAMLEmitterError(message: "the value is nested deeper than 512 levels")) {
            try YAMLEmitter.emit([value])
        }
    }

    /// A node with its marks, tags and styles dropped: what it means.
    private func stripped(_ node: Node) -> JSONValue {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return nil
            case .bool(let value): return .bool(value)
            case .int(let value): return .int(value)
            case .float(let value): return .double(value)
            case .string(let value): return .string(value)
            }
        case .sequence(let items): return .array(items.map(stripped))
        case .mapping(let pairs):
            return .array(pairs.map { .array([stripped($0.key), stripped($0.value)]) })
        }
    }
}
