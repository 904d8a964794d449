import YAML

extension TenantSpec.Admission {
    static let keys = ["registries", "storageClasses", "ingressClasses", "tolerations", "serviceTypes"]

    /// Reads `spec.admission`; every entry that cannot be what it names, or that is listed twice, is reported at
    /// its position, and so is an empty list (it would refuse everything of its kind; leaving the field out is
    /// how a rule is turned off).
    static func read(_ m: MappingReader) -> Self {
        Self(
            registries: uniqueList(m, "registries", of: "pod") {
                ScalarReader.string($0, path: $1, $2, problem: registryProblem)
            },
            storageClasses: uniqueList(m, "storageClasses", of: "PersistentVolumeClaim", readClassName),
            ingressClasses: uniqueList(m, "ingressClasses", of: "Ingress", readClassName),
            tolerations: m.choice("tolerations", Tolerations.self) ?? .any,
            serviceTypes: uniqueList(m, "serviceTypes", of: "Service") {
                ScalarReader.choice($0, ServiceType.self, path: $1, $2)?.rawValue
            }?.compactMap(ServiceType.init(rawValue:)))
    }

    /// The list at `key`, each entry read by `element`; a repeated entry is an error at the repetition, an empty
    /// list one at the list (it would refuse every `kind` of the tenant).
    private static func uniqueList(
        _ m: MappingReader, _ key: String, of kind: String, _ element: (Node, FieldPath, ReadContext) -> String?
    ) -> [String]? {
        if let node = m.value(key), node.sequence?.isEmpty == true {
            m.context.error(
                "an empty list would refuse every \(kind) of the tenant; list what it may use, or leave \(key) out to allow any",
                at: node.mark, path: m.path.appending(key))
        }
        var seen: Set<String> = []
        return m.list(key) { node, path in
            guard let entry = element(node, path, m.context) else { return nil }
            guard seen.insert(entry).inserted else {
                m.context.error("\"\(entry)\" is listed twice", at: node.mark, path: path)
                return nil
            }
            return entry
        }
    }

    /// Why `host` cannot be a registry entry, or nil when it is a registry host as image references name it:
    /// `docker.io`, `registry.example.com:5000`, `localhost`.
    private static func registryProblem(_ host: String) -> String? {
        if let scheme = host.range(of: "://") {
            return
                "\"\(host)\" is a URL; list the registry host alone: \(host[scheme.upperBound...].prefix { $0 != "/" })"
        }
        if let slash = host.firstIndex(of: "/") {
            return
                "\"\(host)\" is a repository; list its registry host alone (\(host[..<slash])): the rule allows a whole registry"
        }
        if host == ImageReference.legacyDockerHub {
            return "\"\(host)\" is Docker Hub's old name; list docker.io"
        }
        let parts = host.split(separator: ":", omittingEmptySubsequences: false)
        let labelsValid = parts[0].split(separator: ".", omittingEmptySubsequences: false)
            .allSatisfy { Names.dnsLabelProblem(String($0)) == nil }
        let portValid = parts.count == 1 || (parts.count == 2 && UInt16(parts[1]).map { $0 > 0 } == true)
        guard labelsValid, portValid else {
            return
                "\"\(host)\" is not a registry host: lowercase letters, digits, '-' and '.', and an optional :PORT (registry.example.com:5000)"
        }
        guard ImageReference.namesRegistry(Substring(host)) else {
            return
                "\"\(host)\" is not a registry host: the runtime reads \(host)/app as docker.io/\(host)/app; a host has a '.' or a :PORT, or is localhost"
        }
        return nil
    }

    /// A StorageClass or IngressClass name (a DNS-1123 subdomain).
    private static func readClassName(_ node: Node, _ path: FieldPath, _ context: ReadContext) -> String? {
        ScalarReader.string(node, path: path, context) { Names.dnsSubdomainProblem($0) }
    }
}
