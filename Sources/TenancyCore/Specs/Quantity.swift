import Foundation

/// A Kubernetes resource quantity (`500m`, `2Gi`, `1.5`, `1e3`, `+1Ki`) held exactly, as a `Decimal`
/// in base units (cores, bytes, counts). No floating point is involved at any step.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in base units.
    public let value: Decimal
    /// The text as written.
    public let text: String

    public init(_ text: String) throws(QuantityError) {
        self.text = text
        self.value = try QuantityParser.parse(text)
    }

    /// A quantity from an exact value, written in its canonical form.
    public init(value: Decimal) {
        self.value = value
        self.text = QuantityFormatter.canonical(value)
    }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.value < b.value }
    public static func == (a: Quantity, b: Quantity) -> Bool { a.value == b.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
    public var description: String { text }
}

/// Why a quantity did not parse.
public struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "\"\(text)\" is not a valid quantity: \(reason)" }
}

enum QuantityParser {
    static let binarySuffixes: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]
    static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    /// Digits kept in the mantissa; with a 2^60 multiplier this stays within Decimal's 38 exact digits.
    static let maxDigits = 18

    static func parse(_ text: String) throws(QuantityError) -> Decimal {
        func fail(_ reason: String) -> QuantityError { QuantityError(text: text, reason: reason) }
        var chars = Substring(text)
        guard !chars.isEmpty else { throw fail("it is empty") }
        var negative = false
        if let first = chars.first, first == "+" || first == "-" {
            negative = first == "-"
            chars = chars.dropFirst()
        }
        let numberPart = chars.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let suffix = String(chars.dropFirst(numberPart.count))
        let pieces = numberPart.split(separator: ".", omittingEmptySubsequences: false)
        guard !numberPart.isEmpty, pieces.count <= 2, pieces.contains(where: { !$0.isEmpty }) else {
            throw fail("expected a number such as 500m, 2Gi or 1.5")
        }
        let whole = String(pieces[0])
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        let digits = (whole + fraction).drop { $0 == "0" }
        guard digits.count <= maxDigits else { throw fail("it has more than \(maxDigits) significant digits") }
        // At most 18 ASCII digits: the significand is exact as a UInt64, and so is 2^60.
        let significand = Decimal(digits.utf8.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) })
        var exponent = -fraction.count
        var multiplier = Decimal(1)

        if let power = binarySuffixes[suffix] {
            multiplier = Decimal(UInt64(1) << power)
        } else if let power = decimalSuffixes[suffix] {
            exponent += power
        } else if let first = suffix.first, first == "e" || first == "E" {
            let rest = suffix.dropFirst()
            guard let power = Int(rest), rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "+" || $0 == "-") }),
                abs(power) <= 18
            else { throw fail("the exponent \"\(rest)\" must be a whole number between -18 and 18") }
            exponent += power
        } else {
            let known = (binarySuffixes.keys.sorted() + decimalSuffixes.keys.filter { !$0.isEmpty }.sorted())
            throw fail(
                "unknown suffix \"\(suffix)\"\(Suggestion.hint(for: suffix, in: known)); use one of \(known.joined(separator: ", ")) or an exponent like e3"
            )
        }
        let magnitude = Decimal(sign: .plus, exponent: exponent, significand: significand) * multiplier
        return negative ? -magnitude : magnitude
    }
}

enum QuantityFormatter {
    /// Base units with no suffix, the way `kubectl` shows a normalised value: `1.5`, `0.1`, `1073741824`.
    static func canonical(_ value: Decimal) -> String {
        var copy = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &copy, 9, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}
