import Foundation

/// Writes exact amounts for people and scripts: fixed places for money, trimmed for sizes and percentages.
/// Rounding is half away from zero, applied only here, never inside a computation.
public enum DecimalFormat {
    /// `value` with exactly `places` decimals: `fixed(800.7826, places: 2)` is `800.78`.
    public static func fixed(_ value: Decimal, places: Int) -> String {
        let text = NSDecimalNumber(decimal: rounded(value, places: places)).stringValue
        guard places > 0 else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        return "\(parts[0]).\(fraction)\(String(repeating: "0", count: max(0, places - fraction.count)))"
    }

    /// `value` with at most `places` decimals and no trailing zeros: `12.5`, `3`.
    public static func trimmed(_ value: Decimal, places: Int = 2) -> String {
        NSDecimalNumber(decimal: rounded(value, places: places)).stringValue
    }

    /// A ratio as a percentage: `0.125` is `12.5%`.
    public static func percent(_ ratio: Decimal) -> String { "\(trimmed(ratio * 100))%" }

    /// Bytes in GiB: `17179869184` is `16Gi`.
    public static func gibibytes(_ bytes: Decimal) -> String { "\(trimmed(bytes / gibibyte))Gi" }

    static let gibibyte = Decimal(1 << 30)

    static func rounded(_ value: Decimal, places: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var copy = value
        var result = Decimal()
        NSDecimalRound(&result, &copy, places, mode)
        return result
    }
}
