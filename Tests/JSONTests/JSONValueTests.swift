import Foundation
import JSON
import Testing

@Suite struct JSONValueTests {
    @Test func decodesEachKindExactly() throws {
        let value = try JSONValue.parse(
            #"{"a":1,"b":1.5,"c":true,"d":null,"e":"x","f":[1,"2"],"g":{"h":-9007199254740993}}"#)
        #expect(value["a"] == .int(1))
        #expect(value["b"] == .double(1.5))
        #expect(value["c"] == .bool(true))
        #expect(value["d"] == .null)
        #expect(value["e"] == .string("x"))
        #expect(value["f"] == .array([.int(1), .string("2")]))
        #expect(value.value(at: ["g", "h"]) == .int(-9_007_199_254_740_993))
    }

    @Test func encodesWithSortedKeys() {
        let value: JSONValue = ["b": 1, "a": ["z": true, "y": nil]]
        #expect(value.jsonString() == #"{"a":{"y":null,"z":true},"b":1}"#)
    }

    @Test func roundTripsThroughText() throws {
        let value: JSONValue = [
            "kind": "Namespace", "metadata": ["name": "acme", "labels": ["x": "y"]], "n": [1, 2.5],
        ]
        #expect(try JSONValue.parse(value.jsonString()) == value)
    }

    @Test func nonFiniteDoublesEncodeAsNull() {
        #expect(JSONValue.array([.double(.infinity)]).jsonString() == "[null]")
    }
}
