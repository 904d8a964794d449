/// A Kubernetes API URL path (after any cluster prefix), parsed into what it addresses.
enum APIPath: Equatable {
    /// A resource collection or object location: group, version, plural, and the namespace from the URL.
    struct Resource: Equatable {
        var group: String
        var version: String
        var plural: String
        var namespace: String?
    }

    case version
    case coreVersions
    case groupList
    case group(String)
    case resourceList(group: String, version: String)
    case collection(Resource)
    case object(Resource, name: String)
    case subresource(Resource, name: String, subresource: String)
    case nodeProxy(node: String, path: [String])
    case healthz
    case openAPIRoot
    case openAPIV2
    /// `/openapi/v3/api/v1` (group "") or `/openapi/v3/apis/GROUP/VERSION`.
    case openAPIDocument(group: String, version: String)

    /// Subresources of a namespace, which would otherwise read as collections inside it.
    private static let namespaceSubresources: Set<String> = ["status", "finalize"]

    init?(segments: [String]) {
        switch segments.first {
        case "version" where segments.count == 1: self = .version
        case "healthz", "livez", "readyz": self = .healthz
        case "openapi":
            let rest = Array(segments.dropFirst())
            if rest == ["v2"] { self = .openAPIV2; return }
            guard rest.first == "v3" else { return nil }
            switch rest.count {
            case 1: self = .openAPIRoot
            case 3 where rest[1] == "api": self = .openAPIDocument(group: "", version: rest[2])
            case 4 where rest[1] == "apis": self = .openAPIDocument(group: rest[2], version: rest[3])
            default: return nil
            }
        case "api":
            guard segments.count > 1 else { self = .coreVersions; return }
            guard segments[1] == "v1" else { return nil }
            self.init(group: "", version: "v1", rest: segments.dropFirst(2))
        case "apis":
            switch segments.count {
            case 1: self = .groupList
            case 2: self = .group(segments[1])
            default: self.init(group: segments[1], version: segments[2], rest: segments.dropFirst(3))
            }
        default:
            return nil
        }
    }

    private init?(group: String, version: String, rest: ArraySlice<String>) {
        let parts = Array(rest)
        func resource(_ plural: String, _ namespace: String?) -> Resource {
            Resource(group: group, version: version, plural: plural, namespace: namespace)
        }
        if group.isEmpty, parts.count >= 3, parts[0] == "nodes", parts[2] == "proxy" {
            self = .nodeProxy(node: parts[1], path: Array(parts.dropFirst(3)))
            return
        }
        let namespaced = parts.count >= 3 && parts[0] == "namespaces" && !Self.namespaceSubresources.contains(parts[2])
        let namespace = namespaced ? parts[1] : nil
        let local = namespaced ? Array(parts.dropFirst(2)) : parts
        switch local.count {
        case 0: self = .resourceList(group: group, version: version)
        case 1: self = .collection(resource(local[0], namespace))
        case 2: self = .object(resource(local[0], namespace), name: local[1])
        case 3: self = .subresource(resource(local[0], namespace), name: local[1], subresource: local[2])
        default: return nil
        }
    }
}
