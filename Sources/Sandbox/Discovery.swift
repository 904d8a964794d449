import JSON

/// The discovery documents: `/version`, `/api`, `/apis`, `/apis/GROUP` and the APIResourceLists.
/// Plain (non-aggregated) forms: kubectl asks for aggregated discovery first and falls back to these.
struct Discovery: Sendable {
    let catalog: ResourceCatalog
    let gitVersion: String

    static let verbs: JSONValue = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    var version: JSONValue {
        let numbers = KubeVersion(gitVersion)
        return [
            "major": .string(String(numbers.major)), "minor": .string(String(numbers.minor)),
            "gitVersion": .string(gitVersion), "gitCommit": "0000000000000000000000000000000000000000",
            "gitTreeState": "clean", "buildDate": "2025-01-01T00:00:00Z", "goVersion": "go1.23.0",
            "compiler": "gc", "platform": "linux/amd64",
        ]
    }

    func coreVersions(serverAddress: String) -> JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    var groupList: JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(catalog.groupVersions.map(group))]
    }

    func group(named name: String) -> JSONValue? {
        guard let entry = catalog.groupVersions.first(where: { $0.group == name }) else { return nil }
        var document = group(entry)
        document["kind"] = "APIGroup"
        document["apiVersion"] = "v1"
        return document
    }

    private func group(_ entry: (group: String, versions: [String])) -> JSONValue {
        let versions: [JSONValue] = entry.versions.map {
            ["groupVersion": .string("\(entry.group)/\($0)"), "version": .string($0)]
        }
        return ["name": .string(entry.group), "versions": .array(versions), "preferredVersion": versions[0]]
    }

    func resourceList(group: String, version: String) -> JSONValue? {
        let types = catalog.types(group: group, version: version)
        guard !types.isEmpty else { return nil }
        var resources: [JSONValue] = []
        for type in types.sorted(by: { $0.plural < $1.plural }) {
            var resource: JSONValue = [
                "name": .string(type.plural), "singularName": .string(type.singular),
                "namespaced": .bool(type.isNamespaced), "kind": .string(type.kind), "verbs": Self.verbs,
            ]
            if !type.shortNames.isEmpty { resource["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
            if !type.categories.isEmpty { resource["categories"] = .array(type.categories.map(JSONValue.string)) }
            resources.append(resource)
            if type.hasStatusSubresource {
                resources.append(subresource(type, "status", kind: type.kind, verbs: ["get", "patch", "update"]))
            }
            if type.group.isEmpty, type.plural == "nodes" {
                resources.append(
                    subresource(
                        type, "proxy", kind: "NodeProxyOptions",
                        verbs: ["create", "delete", "get", "patch", "update"]))
            }
        }
        var list: JSONValue = [
            "kind": "APIResourceList", "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"),
            "resources": .array(resources),
        ]
        if !group.isEmpty { list["apiVersion"] = "v1" }
        return list
    }

    private func subresource(_ type: ResourceType, _ name: String, kind: String, verbs: [JSONValue]) -> JSONValue {
        [
            "name": .string("\(type.plural)/\(name)"), "singularName": "", "namespaced": .bool(type.isNamespaced),
            "kind": .string(kind), "verbs": .array(verbs),
        ]
    }
}

/// The major and minor numbers of a `gitVersion` such as `v1.31.4` or `v1.29.0-eks-1`.
struct KubeVersion: Sendable, Hashable {
    var major: Int
    var minor: Int

    init(_ gitVersion: String) {
        let numbers = gitVersion.drop { $0 == "v" }.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        major = numbers.first ?? 1
        minor = numbers.count > 1 ? numbers[1] : 0
    }
}
