/// A tenant's name as it enters from the command line: the rule specs follow (a DNS-1123 label), so that it can
/// be put in a label selector, a lock file name and an object name safely.
public enum TenantName {
    /// Why `name` cannot be a tenant's name, or nil when it can.
    public static func problem(_ name: String) -> String? { Names.dnsLabelProblem(name) }
}

/// Kubernetes naming rules.
enum Names {
    /// Why `name` is not a DNS-1123 label (lowercase alphanumerics and '-', starting and ending alphanumeric,
    /// at most 63 characters), or nil when it is one.
    static func dnsLabelProblem(_ name: String, maxLength: Int = 63) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.count > maxLength {
            return "\"\(name)\" is \(name.count) characters long; at most \(maxLength) are allowed"
        }
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        let edgesOK = [name.first, name.last].allSatisfy {
            $0.map { $0.isASCII && ($0.isLowercase || $0.isNumber) } ?? false
        }
        if !allowed || !edgesOK {
            return
                "\"\(name)\" is not a valid DNS-1123 label: use lowercase letters, digits and '-', starting and ending with a letter or digit"
        }
        return nil
    }

    /// Why `name` is not a DNS-1123 subdomain (DNS-1123 labels joined by '.', at most 253 characters), the names
    /// of StorageClasses and IngressClasses, or nil when it is one.
    static func dnsSubdomainProblem(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.count > 253 { return "\"\(name)\" is \(name.count) characters long; at most 253 are allowed" }
        guard
            name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({
                dnsLabelProblem(String($0)) == nil
            })
        else {
            return
                "\"\(name)\" is not a valid DNS-1123 subdomain: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
        }
        return nil
    }

    /// Why `name` cannot name a Kubernetes object in a request path (the API server's rule for every kind: not
    /// `.` or `..`, no `/` or `%`, at most 253 characters), or nil when it can.
    static func objectNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name == "." || name == ".." { return "\"\(name)\" may not be '.' or '..'" }
        if name.contains("/") || name.contains("%") { return "\"\(name)\" may not contain '/' or '%'" }
        if name.count > 253 { return "\"\(name)\" is \(name.count) characters long; at most 253 are allowed" }
        return nil
    }

    /// The node pool tenantctl makes for a tenant's dedicated nodes.
    static func tenantPool(_ tenant: String) -> String { "\(tenant)-pool" }

    /// Why CCE refuses `name` for a node pool (1–50 characters, a CCE name, not `DefaultPool`), or nil.
    static func cceNodePoolNameProblem(_ name: String) -> String? {
        cceNameProblem(name, length: 1...50)
    }

    /// Why CCE refuses `name` for a cluster (4–128 characters, a CCE name), or nil.
    static func cceClusterNameProblem(_ name: String) -> String? {
        cceNameProblem(name, length: 4...128)
    }

    /// CCE's naming rule for clusters and node pools: lowercase letters, digits and '-', starting with a letter
    /// and not ending in '-', within `length`.
    private static func cceNameProblem(_ name: String, length: ClosedRange<Int>) -> String? {
        if !length.contains(name.count) {
            return
                "\"\(name)\" is \(name.count) characters long; CCE takes \(length.lowerBound) to \(length.upperBound)"
        }
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        let first = name.first.map { $0.isASCII && $0.isLowercase } ?? false
        if !allowed || !first || name.hasSuffix("-") {
            return
                "\"\(name)\" is not a CCE name: lowercase letters, digits and '-', starting with a letter and not ending in '-'"
        }
        return nil
    }

    /// Namespaces that belong to the cluster itself and can never be a tenant's.
    static let reservedNamespaces: Set<String> = ["default", "kube-system", "kube-public", "kube-node-lease"]
}
