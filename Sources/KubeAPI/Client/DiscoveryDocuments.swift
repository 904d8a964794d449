/// The discovery documents the client reads: `/api`, `/apis` and a group version's resource list.
enum DiscoveryDocuments {
    /// `GET /api`: the versions of the core group.
    struct APIVersions: Decodable {
        var versions: [String]
    }

    /// `GET /apis`: every group with the versions it serves, preferred first.
    struct APIGroupList: Decodable {
        struct Group: Decodable {
            struct Version: Decodable {
                var version: String
            }
            var name: String
            var versions: [Version]
            var preferredVersion: Version?
        }
        var groups: [Group]
    }

    /// `GET /api/v1`, `GET /apis/GROUP/VERSION`: the resources of one group version.
    struct APIResourceList: Decodable {
        struct Resource: Decodable, Sendable {
            var name: String
            var namespaced: Bool
            var kind: String
            var verbs: [String]?
        }
        var resources: [Resource]
    }
}

/// A kind the server does not serve, or a group it does not know.
public struct ResourceMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    /// The versions the server does serve for the group, if any.
    public var servedVersions: [String]

    public init(apiVersion: String, kind: String, servedVersions: [String]) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.servedVersions = servedVersions
    }

    public var description: String {
        let group = splitAPIVersion(apiVersion).group
        let served =
            servedVersions.isEmpty
            ? "the server does not serve the API group \(group.isEmpty ? "core" : "\"\(group)\"")"
            : "the server serves \(group.isEmpty ? "core" : group) versions \(servedVersions.joined(separator: ", "))"
        return "no kind \"\(kind)\" in apiVersion \"\(apiVersion)\": \(served)"
    }
}
