import Testing

@testable import YAML

@Suite struct ResolutionTests {
    /// Plain text → what Kubernetes tooling reads it as.
    static let plainTable: [(String, Scalar.Resolved)] = [
        ("", .null), ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
        ("nULL", .string("nULL")), ("none", .string("none")),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("tRUE", .string("tRUE")),
        ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")), ("off", .string("off")),
        ("y", .string("y")), ("n", .string("n")), ("Yes", .string("Yes")),
        ("0", .int(0)), ("-0", .int(0)), ("12", .int(12)), ("+12", .int(12)), ("-12", .int(-12)),
        ("0644", .int(420)), ("0o17", .int(15)), ("-0o17", .int(-15)), ("08", .int(8)), ("0x1F", .int(31)),
        ("0xff", .int(255)), ("-0x10", .int(-16)),
        ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
        ("9223372036854775808", .float(9223372036854775808)),
        ("0xFFFFFFFFFFFFFFFFFF", .string("0xFFFFFFFFFFFFFFFFFF")),
        ("0x", .string("0x")), ("0o", .string("0o")), ("0o8", .string("0o8")), ("0b101", .string("0b101")),
        ("1_000", .string("1_000")),
        ("1.5", .float(1.5)), ("-1.5", .float(-1.5)), (".5", .float(0.5)), ("1.", .float(1)), ("1e3", .float(1000)),
        ("1E-2", .float(0.01)), ("+1.5e+2", .float(150)), ("6.02e23", .float(6.02e23)),
        (".inf", .float(.infinity)), (".Inf", .float(.infinity)), ("+.INF", .float(.infinity)),
        ("-.inf", .float(-.infinity)),
        ("1e", .string("1e")), ("e3", .string("e3")), (".", .string(".")), ("-", .string("-")),
        ("1.2.3", .string("1.2.3")), ("v1.30", .string("v1.30")), ("1.30", .float(1.3)),
        ("16", .int(16)), ("64Gi", .string("64Gi")), ("500m", .string("500m")), ("1e3Mi", .string("1e3Mi")),
        ("2024-01-02", .string("2024-01-02")), ("12:30", .string("12:30")), ("inf", .string("inf")),
        ("nan", .string("nan")), ("-.nan", .string("-.nan")),
        ("hello world", .string("hello world")),
    ]

    @Test(arguments: plainTable)
    func plainScalarsResolveLikeKubernetes(text: String, expected: Scalar.Resolved) {
        #expect(Scalar.resolvePlain(text) == expected)
    }

    @Test func nanResolvesToAFloatNaN() {
        for text in [".nan", ".NaN", ".NAN"] {
            guard case .float(let value) = Scalar.resolvePlain(text) else {
                Issue.record("\(text) did not resolve to a float")
                continue
            }
            #expect(value.isNaN)
        }
    }

    @Test func parsedPlainScalarsUseTheTable() {
        let node = document("a: true\nb: yes\nc: 0x10\nd: ~\ne:\nf: 1e3\ng: on\n")
        #expect(node["a"]?.scalar?.resolved == .bool(true))
        #expect(node["b"]?.scalar?.resolved == .string("yes"))
        #expect(node["c"]?.scalar?.resolved == .int(16))
        #expect(node["c"]?.scalar?.text == "0x10")
        #expect(node["d"]?.isNull == true)
        #expect(node["e"]?.isNull == true)
        #expect(node["f"]?.scalar?.resolved == .float(1000))
        #expect(node["g"]?.string == "on")
    }

    @Test func quotedAndBlockScalarsStayStrings() {
        let node = document(
            """
            a: "true"
            b: '12'
            c: ""
            d: |
              42
            e: >-
              null
            f: !!str 3.5
            g: ! 12
            h: "null"
            """)
        #expect(node["a"]?.scalar?.resolved == .string("true"))
        #expect(node["b"]?.scalar?.resolved == .string("12"))
        #expect(node["c"]?.scalar?.resolved == .string(""))
        #expect(node["d"]?.scalar?.resolved == .string("42\n"))
        #expect(node["e"]?.scalar?.resolved == .string("null"))
        #expect(node["e"]?.scalar?.style == .folded)
        #expect(node["f"]?.scalar?.resolved == .string("3.5"))
        #expect(node["g"]?.scalar?.resolved == .string("12"))
        #expect(node["h"]?.scalar?.resolved == .string("null"))
    }

    @Test func coreTagsAreHonoured() {
        let node = document(
            """
            a: !!int "0x10"
            b: !!float 2
            c: !!bool 'true'
            d: !!null ""
            e: !!map {x: 1}
            f: !!seq [1]
            """)
        #expect(node["a"]?.scalar?.resolved == .int(16))
        #expect(node["b"]?.scalar?.resolved == .float(2))
        #expect(node["c"]?.scalar?.resolved == .bool(true))
        #expect(node["d"]?.isNull == true)
        #expect(node["e"]?.tag == "!!map")
        #expect(node["f"]?.sequence?.count == 1)
    }

    @Test func tagsThatDoNotFitAreRejected() {
        let cases: [(String, Mark, String)] = [
            ("a: !!int abc\n", Mark(line: 1, column: 4), "the value \"abc\" tagged !!int is not an integer"),
            (
                "a: !!bool yes\n", Mark(line: 1, column: 4),
                "the value \"yes\" tagged !!bool is not a boolean (true or false)"
            ),
            ("a: !!float x\n", Mark(line: 1, column: 4), "the value \"x\" tagged !!float is not a number"),
            ("a: !!null 0\n", Mark(line: 1, column: 4), "the value \"0\" tagged !!null is not null"),
            ("a: !!map x\n", Mark(line: 1, column: 4), "the tag !!map does not fit a scalar"),
            ("a: !!seq {b: 1}\n", Mark(line: 1, column: 4), "the tag !!seq does not fit a mapping"),
        ]
        for (text, mark, message) in cases {
            let error = parseError(text)
            #expect(error?.mark == mark, "\(text)")
            #expect(error?.message == message)
        }
        let custom = parseError("x:\n  y: !Secret abc\n")
        #expect(custom?.mark == Mark(line: 2, column: 6))
        #expect(custom?.message.hasPrefix("unsupported tag !Secret; only the YAML core tags") == true)
    }
}
