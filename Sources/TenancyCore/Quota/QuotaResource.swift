import Foundation

/// One of the eight amounts a tenant's quota sets (G4), as the spec names it, with the ResourceQuota `hard` keys it
/// sets and the unit it is divided in: millicores for cpu, bytes for memory and storage, whole objects for counts.
public enum QuotaResource: String, Sendable, Hashable, CaseIterable {
    case cpu, memory, storage, pods, services, deployments, statefulsets, persistentVolumeClaims

    /// The ResourceQuota `hard` keys it sets (cpu and memory bound both requests and limits).
    public var hardKeys: [String] {
        switch self {
        case .cpu: return ["requests.cpu", "limits.cpu"]
        case .memory: return ["requests.memory", "limits.memory"]
        case .storage: return ["requests.storage"]
        case .pods: return ["pods"]
        case .services: return ["services"]
        case .deployments: return ["count/deployments.apps"]
        case .statefulsets: return ["count/statefulsets.apps"]
        case .persistentVolumeClaims: return ["persistentvolumeclaims"]
        }
    }

    /// Whether the spec writes it as a quantity (`500m`, `8Gi`) rather than a whole number.
    public var isQuantity: Bool { self == .cpu || self == .memory || self == .storage }

    /// Units per base unit: 1000 millicores to a core; a byte or an object is its own unit.
    var unitsPerBase: Decimal { self == .cpu ? 1000 : 1 }

    /// `quantity` in this resource's unit, rounded down (a share never rounds past what was given) or, for what is
    /// used, up (a share kept at its use never falls below it); nil when negative or beyond 64 bits.
    func units(_ quantity: Quantity, roundingUp: Bool = false) -> Int64? {
        var scaled = quantity.value * unitsPerBase
        var whole = Decimal()
        NSDecimalRound(&whole, &scaled, 0, roundingUp ? .up : .down)
        guard whole >= 0, whole <= Decimal(Int64.max) else { return nil }
        return NSDecimalNumber(decimal: whole).int64Value
    }

    /// An amount in this resource's unit as Kubernetes writes it: `4`, `2500m`, `16Gi`, `1500M`, `20`.
    public func text(_ units: Int64) -> String {
        switch self {
        case .cpu: return units % 1000 == 0 ? String(units / 1000) : "\(units)m"
        case .memory, .storage:
            guard units != 0 else { return "0" }
            for (suffix, size) in Self.byteSuffixes where units % size == 0 { return "\(units / size)\(suffix)" }
            return String(units)
        default: return String(units)
        }
    }

    /// The amount `text` (a quantity, or a count) in this resource's unit; nil when it is not one.
    public func units(text: String, roundingUp: Bool = false) -> Int64? {
        (try? Quantity(text)).flatMap { units($0, roundingUp: roundingUp) }
    }

    private static let byteSuffixes: [(String, Int64)] = [
        ("Ti", 1 << 40), ("T", 1_000_000_000_000), ("Gi", 1 << 30), ("G", 1_000_000_000), ("Mi", 1 << 20),
        ("M", 1_000_000), ("Ki", 1 << 10), ("k", 1000),
    ]
}
