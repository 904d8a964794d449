import JSON
import Testing

@testable import YAML

@Suite struct JSONConversionTests {
    @Test func scalarsConvertByTheirResolution() throws {
        let node = document(
            """
            name: acme
            count: 0x10
            ratio: 1e3
            on: yes
            off: false
            none: ~
            quoted: "12"
            list: [1, two, 3.5]
            nested: {a: {b: []}}
            """)
        #expect(
            try node.toJSON() == [
                "name": "acme", "count": 16, "ratio": 1000.0, "on": "yes", "off": false, "none": nil,
                "quoted": "12", "list": [1, "two", 3.5], "nested": ["a": ["b": []]],
            ])
    }

    @Test func nonStringKeysBecomeStringsTheKubernetesWay() throws {
        let node = document("1: a\n0x10: b\ntrue: c\n~: d\n1.5: e\n1e3: f\n")
        #expect(try node.toJSON() == ["1": "a", "16": "b", "true": "c", "null": "d", "1.5": "e", "1000": "f"])
    }

    @Test func complexKeysAreErrorsAtTheKey() {
        let node = document("spec:\n  ? {a: 1}\n  : value\n")
        #expect(
            throws: YAMLError(
                file: "", mark: Mark(line: 2, column: 5),
                message: "a mapping key must be a scalar to convert to JSON, found a mapping")
        ) {
            try node.toJSON()
        }
        #expect(
            throws: YAMLError(
                file: "t.yaml", mark: Mark(line: 2, column: 5),
                message: "a mapping key must be a scalar to convert to JSON, found a mapping")
        ) {
            try node.toJSON(file: "t.yaml")
        }
    }

    @Test func nonFiniteFloatsStayDoubles() throws {
        let node = document("[.inf, -.inf]")
        #expect(try node.toJSON() == [.double(.infinity), .double(-.infinity)])
    }

    @Test func jsonToNodeAndBack() throws {
        let value: JSONValue = [
            "s": "true", "plain": "text", "i": -3, "d": 2.5, "b": false, "n": nil, "a": [["x": 1]], "o": [:],
        ]
        let node = Node(json: value)
        #expect(try node.toJSON() == value)
        #expect(node["s"]?.scalar?.style == .doubleQuoted, "a string that reads as a bool is marked quoted")
        #expect(node["plain"]?.scalar?.style == .plain)
        #expect(node["i"]?.scalar?.text == "-3")
        #expect(node.mapping?.map { $0.key.string ?? "" } == ["a", "b", "d", "i", "n", "o", "plain", "s"])
    }

    @Test func accessorsReturnNilForOtherKinds() {
        let node = document("map: {k: v}\nseq: [x]\nscalar: s\n")
        #expect(node["map"]?.mapping?.count == 1)
        #expect(node["map"]?.sequence == nil)
        #expect(node["map"]?.scalar == nil)
        #expect(node["seq"]?.sequence?.count == 1)
        #expect(node["seq"]?["k"] == nil)
        #expect(node["seq"]?[1] == nil)
        #expect(node["seq"]?[-1] == nil)
        #expect(node["scalar"]?.scalar?.text == "s")
        #expect(node["scalar"]?[0] == nil)
        #expect(node["missing"] == nil)
        #expect(node.pair(forKey: "seq")?.key.mark == Mark(line: 2, column: 1))
        #expect(node["map"]?.kindDescription == "a mapping")
        #expect(node["scalar"]?.kindDescription == "string \"s\"")
    }
}
