/// Where objects of one kind live in the REST API: group, version, plural resource name and scope.
public struct ResourceMapping: Sendable, Hashable, CustomStringConvertible {
    /// The API group; empty for the core group (`v1`).
    public var group: String
    public var version: String
    /// The plural resource name in paths, e.g. `networkpolicies`.
    public var resource: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, resource: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `v1` for the core group, `group/version` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The path of the collection: `/api/v1/namespaces/NS/configmaps`, `/apis/rbac.authorization.k8s.io/v1/clusterroles`.
    /// A nil namespace on a namespaced kind lists across all namespaces.
    public func collectionPath(namespace: String?) -> String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace { path += "/namespaces/\(PathEscaping.segment(namespace))" }
        return path + "/\(resource)"
    }

    /// The path of one object.
    public func objectPath(name: String, namespace: String?) -> String {
        collectionPath(namespace: namespace) + "/\(PathEscaping.segment(name))"
    }

    public var description: String { "\(kind) (\(resource).\(apiVersion))" }
}

/// Splits `apiVersion` into group and version: `v1` → ("", "v1"), `apps/v1` → ("apps", "v1").
func splitAPIVersion(_ apiVersion: String) -> (group: String, version: String) {
    guard let slash = apiVersion.firstIndex(of: "/") else { return ("", apiVersion) }
    return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
}

/// Percent-encoding for path segments and query values: everything but RFC 3986 unreserved characters.
enum PathEscaping {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    static func segment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    static func query(_ items: [(name: String, value: String)]) -> String {
        items.map { "\(segment($0.name))=\(segment($0.value))" }.joined(separator: "&")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
