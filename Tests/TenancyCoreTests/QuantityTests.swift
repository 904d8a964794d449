import Foundation
import Testing

@testable import TenancyCore

@Suite struct QuantityTests {
    @Test(arguments: [
        ("500m", Decimal(string: "0.5")),
        ("2Gi", Decimal(2_147_483_648)),
        ("1.5", Decimal(string: "1.5")),
        ("1e3", Decimal(1000)),
        ("+1Ki", Decimal(1024)),
        ("-2k", Decimal(-2000)),
        ("100Mi", Decimal(104_857_600)),
        ("0.1", Decimal(string: "0.1")),
        ("8Ei", Decimal(string: "9223372036854775808")),
        ("250n", Decimal(string: "0.00000025")),
        ("1E-3", Decimal(string: "0.001")),
        (".5", Decimal(string: "0.5")),
        ("5.", Decimal(5)),
    ])
    func parsesExactly(text: String, value: Decimal?) throws {
        #expect(try Quantity(text).value == value)
    }

    @Test func comparesAcrossUnits() throws {
        #expect(try Quantity("1000m") == Quantity("1"))
        #expect(try Quantity("1Gi") > Quantity("1G"))
        #expect(try Quantity("0.1") + 0 == Quantity("100m"))
    }

    @Test func arithmeticHasNoFloatDrift() throws {
        // 0.1 + 0.2 is exactly 0.3 here, unlike with Double.
        let sum = try Quantity("0.1").value + Quantity("0.2").value
        #expect(sum == Decimal(string: "0.3"))
    }

    @Test(arguments: ["", "Gi", "1Gb", "1.2.3", "1e", "1e99", "abc", "--1", "1 Gi", "12345678901234567890"])
    func rejects(text: String) {
        #expect(throws: QuantityError.self) { try Quantity(text) }
    }

    @Test func suggestsTheSuffixMeant() {
        #expect(throws: QuantityError.self) { try Quantity("64Gb") }
        do {
            _ = try Quantity("64GI")
        } catch {
            #expect(error.description.contains("did you mean \"Gi\""))
        }
    }
}

extension Quantity {
    fileprivate static func + (a: Quantity, b: Int) -> Quantity { Quantity(value: a.value + Decimal(b)) }
}
