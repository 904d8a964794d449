import Foundation
import JSON

/// The on-disk form of a store: one JSON snapshot (`state.json`) in a directory, replaced atomically
/// (written to a temporary file in the same directory, then renamed over the old one).
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
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
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
        let temporary = directory.appendingPathComponent(".state.json.\(UUID().uuidString).tmp")
        try json.jsonData().write(to: temporary)
        guard rename(temporary.path, file.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path, "errno": code])
        }
    }
}
