import CCEModel
import Foundation
import JSON

/// An add-on template (`GET /api/v3/addontemplates`): its versions, each with the input an install takes —
/// `basic` values, and `parameters` holding the `custom` defaults and the flavors (`flavor1`, `flavor2`, …).
public struct CCEAddonTemplate: Decodable, Sendable, Hashable {
    public var metadata: CCEMetadata
    public var spec: Spec

    public struct Spec: Decodable, Sendable, Hashable {
        public var versions: [Version]
    }

    /// One version: its input and the cluster versions it supports (regular expressions such as `v1.31.*`).
    public struct Version: Decodable, Sendable, Hashable {
        public var version: String
        public var input: JSONValue
        public var stable: Bool?
        public var supportVersions: [Support]?
    }

    /// The cluster versions of one cluster type a version supports.
    public struct Support: Decodable, Sendable, Hashable {
        public var clusterType: String?
        public var clusterVersion: [String]?
    }

    /// The newest stable version (else the newest) that supports `clusterVersion` (`v1.31`, `v1.31.7-r0`).
    public func newestVersion(supporting clusterVersion: String) -> Version? {
        let supporting = spec.versions.filter { $0.supports(clusterVersion) }
        let stable = supporting.filter { $0.stable != false }
        return (stable.isEmpty ? supporting : stable).max { Self.isOlder($0.version, than: $1.version) }
    }

    /// Compares dotted versions number by number (`1.9.2` is older than `1.19.0`).
    static func isOlder(_ a: String, than b: String) -> Bool {
        let numbers = { (text: String) in text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) } }
        return numbers(a).lexicographicallyPrecedes(numbers(b))
    }
}

extension CCEAddonTemplate.Version {
    /// Whether a pattern of `supportVersions` matches the whole of `clusterVersion`.
    func supports(_ clusterVersion: String) -> Bool {
        let patterns = (supportVersions ?? []).flatMap { $0.clusterVersion ?? [] }
        return patterns.contains { pattern in
            guard let expression = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return false }
            let range = NSRange(clusterVersion.startIndex..., in: clusterVersion)
            return expression.firstMatch(in: clusterVersion, range: range) != nil
        }
    }

    /// The `values` of an install of this version: the template's `basic`, its flavor parameter `flavor`, and its
    /// `custom` defaults with the cluster's and project's IDs in the identity keys it has (`cluster_id`,
    /// `tenant_id`, `project_id`), each overridden by what `given` sets.
    func values(completing given: JSONValue?, clusterID: String, projectID: String, flavor: String) -> JSONValue {
        var custom = input.value(at: ["parameters", "custom"])?.objectValue ?? [:]
        let identities = ["cluster_id": clusterID, "tenant_id": projectID, "project_id": projectID]
        for (key, id) in identities where custom[key] != nil { custom[key] = .string(id) }
        var values: [String: JSONValue] = ["custom": .object(custom)]
        values["basic"] = input["basic"]
        values["flavor"] = input.value(at: ["parameters", flavor])
        for (section, overrides) in given?.objectValue ?? [:] {
            var merged = values[section]?.objectValue ?? [:]
            merged.merge(overrides.objectValue ?? [:]) { _, given in given }
            values[section] = .object(merged)
        }
        return .object(values)
    }
}
