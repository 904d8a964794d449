/// The security guidance items (docs/guidance.md) that decisions and findings cite (G1–G14).
public enum Guidance: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case g1 = "G1", g2 = "G2", g3 = "G3", g4 = "G4", g5 = "G5", g6 = "G6", g7 = "G7"
    case g8 = "G8", g9 = "G9", g10 = "G10", g11 = "G11", g12 = "G12", g13 = "G13", g14 = "G14"

    /// The item in a few words, for legends.
    public var summary: String {
        switch self {
        case .g1: return "supported, recent cluster version"
        case .g2: return "no default service-account token"
        case .g3: return "least-privilege access"
        case .g4: return "resource quota per namespace"
        case .g5: return "limit ranges"
        case .g6: return "network isolation by network mode"
        case .g7: return "kubelet webhook authorization"
        case .g8: return "no Web Terminal add-on"
        case .g9: return "physical multi-tenancy (a cluster per tenant)"
        case .g10: return "secure container runtime for untrusted tenants"
        case .g11: return "scheduling scope: tenant pods on their own nodes"
        case .g12: return "container hygiene (no host network, requests and limits)"
        case .g13: return "restrictive securityContext"
        case .g14: return "no route from service containers to the API server"
        }
    }

    public static func < (a: Guidance, b: Guidance) -> Bool { a.number < b.number }

    private var number: Int { Int(rawValue.dropFirst()) ?? 0 }
}

/// A field that drove a choice: in the tenant spec, in a cluster of the inventory, in the price catalog,
/// or a command-line option.
public enum FieldRef: Sendable, Hashable, CustomStringConvertible {
    case spec(FieldPath)
    /// A cluster (by name) and a field of it: `clusters[shared-prod].networkMode`.
    case cluster(String, String)
    case catalog(FieldPath)
    case option(String)

    /// A spec field from its keys: `.spec("network", "isolation")` is `spec.network.isolation`.
    public static func spec(_ keys: String...) -> FieldRef {
        var path = FieldPath("spec")
        for key in keys { path = path.appending(key) }
        return .spec(path)
    }

    public var description: String {
        switch self {
        case .spec(let path): return path.description
        case .cluster(let name, let field): return "clusters[\(name)].\(field)"
        case .catalog(let path): return "catalog \(path)"
        case .option(let name): return name
        }
    }
}
