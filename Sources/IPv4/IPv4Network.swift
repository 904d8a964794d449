/// An IPv4 address written as four decimal octets without leading zeros (`192.168.0.10`).
public struct IPv4Address: Sendable, Hashable, CustomStringConvertible {
    public let value: UInt32

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isNumber), part == "0" || part.first != "0",
                let octet = UInt8(part)
            else { return nil }
            value = value << 8 | UInt32(octet)
        }
        self.value = value
    }

    public var description: String {
        stride(from: 24, through: 0, by: -8).map { String(value >> UInt32($0) & 0xFF) }.joined(separator: ".")
    }
}

/// An IPv4 range in CIDR form (`10.0.0.0/16`), as CCE's network fields take it.
public struct IPv4Network: Sendable, Hashable, CustomStringConvertible {
    public let address: IPv4Address
    /// The prefix length, 0–32.
    public let prefix: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Address(String(parts[0])), parts[1].allSatisfy(\.isNumber),
            let prefix = Int(parts[1]), (0...32).contains(prefix)
        else { return nil }
        self.address = address
        self.prefix = prefix
    }

    /// Whether the two ranges share an address: one holds the other's first address.
    public func overlaps(_ other: IPv4Network) -> Bool {
        let shorter = min(prefix, other.prefix)
        let mask: UInt32 = shorter == 0 ? 0 : ~UInt32(0) << UInt32(32 - shorter)
        return address.value & mask == other.address.value & mask
    }

    public var description: String { "\(address)/\(prefix)" }
}
