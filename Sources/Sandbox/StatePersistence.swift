import Foundation
import JSON

/// The on-disk form of a store: one JSON snapshot (`state.json`) in a directory, replaced atomically and readable
/// by its owner only (it holds Secrets).
struct StatePersistence: Sendable {
    struct Entry: Sendable {
        var resource: GroupResource
        var object: JSONValue
    }

    struct Snapshot: Sendable {
        var revision: Int64
        var objects: [Entry]
    }

    /// A snapshot that cannot be read back.
    struct CorruptSnapshot: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) is not a sandbox state snapshot" }
    }

    let directory: URL

    var file: URL { directory.appendingPathComponent("state.json") }

    func load() throws -> Snapshot? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let json = try JSONValue.parse(try Data(contentsOf: file))
        guard let revision = json["resourceVersion"]?.intValue, let items = json["objects"]?.arrayValue else {
            throw CorruptSnapshot(path: file.path)
        }
        let entries = items.compactMap { item -> Entry? in
            guard let group = item["group"]?.stringValue, let resource = item["resource"]?.stringValue,
                let object = item["object"]
            else { return nil }
            return Entry(resource: GroupResource(group: group, resource: resource), object: object)
        }
        return Snapshot(revision: revision, objects: entries)
    }

    func save(_ snapshot: Snapshot) throws {
        let json: JSONValue = [
            "resourceVersion": .int(snapshot.revision),
            "objects": .array(
                snapshot.objects.map {
                    [
                        "group": .string($0.resource.group), "resource": .string($0.resource.resource),
                        "object": $0.object,
                    ]
                }),
        ]
        try PrivateFile.write(json.jsonData(), to: file)
    }
}
