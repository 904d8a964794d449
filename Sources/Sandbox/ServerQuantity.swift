import Foundation
import JSON

/// Resource quantities as the API server reads and writes them (`500m`, `2Gi`, `1.5`, `1e3`), exactly, for the
/// quota controller's sums. The sandbox keeps its own reading, as kube-apiserver has its own (apimachinery's
/// `resource.Quantity`): a server that shared tenantctl's parser would agree with the client's mistakes instead of
/// catching them.
enum ServerQuantity {
    private static let binary: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]
    private static let decimal: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]

    /// The value of `text` in base units (cores, bytes, objects); nil when it is not a quantity.
    static func value(_ text: String) -> Decimal? {
        let number = text.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "+" || $0 == "-") }
        let suffix = String(text.dropFirst(number.count))
        guard !number.isEmpty, let base = Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX"))
        else {
            return nil
        }
        if let power = binary[suffix] { return base * Decimal(UInt64(1) << power) }
        if let power = decimal[suffix] { return base * pow(10, power) }
        guard let first = suffix.first, first == "e" || first == "E", let power = Int(suffix.dropFirst()),
            abs(power) <= 18
        else { return nil }
        return base * pow(10, power)
    }

    /// A JSON quantity's value: a string, or a number a client wrote without quotes.
    static func value(_ json: JSONValue?) -> Decimal? {
        switch json {
        case .string(let text)?: return value(text)
        case .int(let number)?: return Decimal(number)
        case .double(let number)?: return Decimal(number)
        default: return nil
        }
    }

    /// `value` as the quota controller writes a sum: cpu in whole cores or millicores (`2`, `1500m`, rounded up to a
    /// millicore), anything else in whole units with the largest binary suffix that divides it (`768Mi`), else plain.
    static func text(_ value: Decimal, cpu: Bool) -> String {
        if cpu {
            let millis = rounded(value * 1000)
            return millis % 1000 == 0 ? String(millis / 1000) : "\(millis)m"
        }
        let units = rounded(value)
        for (suffix, power) in binary.sorted(by: { $0.value > $1.value })
        where units != 0 && units % (Int64(1) << power) == 0 {
            return "\(units >> power)\(suffix)"
        }
        return String(units)
    }

    private static func pow(_ base: Decimal, _ power: Int) -> Decimal {
        power >= 0 ? Foundation.pow(base, power) : 1 / Foundation.pow(base, -power)
    }

    private static func rounded(_ value: Decimal) -> Int64 {
        var copy = value
        var result = Decimal()
        NSDecimalRound(&result, &copy, 0, .up)
        return NSDecimalNumber(decimal: result).int64Value
    }
}
