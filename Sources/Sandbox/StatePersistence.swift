import Foundation
import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The on-disk form of a store, readable by its owner only (it holds Secrets): a snapshot (`state.json`, replaced
/// atomically) and the changes since, one JSON line each (`state.log`, appended), so that a write costs what it
/// changed rather than the whole store. When the log outgrows the store it is folded into a new snapshot. A line
/// cut short by a crash is the last one and is left out; every line before it is kept.
final class StatePersistence {
    /// One object as stored: its resource and, in the log, nil for a deletion.
    struct Entry: Sendable {
        var resource: GroupResource
        var namespace: String
        var name: String
        var object: JSONValue?
    }

    struct Snapshot: Sendable {
        var revision: Int64
        var objects: [Entry]
    }

    /// State that cannot be read back.
    struct CorruptState: Error, CustomStringConvertible {
        var path: String
        var line: Int?
        var description: String {
            "\(path)\(line.map { ":\($0)" } ?? "") is not sandbox state; remove the state directory to start afresh"
        }
    }

    let directory: URL
    private var log: FileHandle?
    private var logLines = 0

    init(directory: URL) {
        self.directory = directory
    }

    var snapshotFile: URL { directory.appendingPathComponent("state.json") }
    var logFile: URL { directory.appendingPathComponent("state.log") }

    /// The snapshot with the log's changes applied; nil when nothing was ever saved.
    func load() throws -> Snapshot? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: snapshotFile.path) || fm.fileExists(atPath: logFile.path) else { return nil }
        var revision: Int64 = 0
        var objects: [String: Entry] = [:]
        if fm.fileExists(atPath: snapshotFile.path) {
            let json = try JSONValue.parse(try Data(contentsOf: snapshotFile))
            guard let stored = json["resourceVersion"]?.intValue, let items = json["objects"]?.arrayValue else {
                throw CorruptState(path: snapshotFile.path)
            }
            revision = stored
            for item in items {
                guard let entry = Self.entry(item) else { throw CorruptState(path: snapshotFile.path) }
                objects[Self.identity(entry)] = entry
            }
        }
        if let data = fm.contents(atPath: logFile.path) {
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            var kept = 0
            for (index, line) in lines.enumerated() where !line.isEmpty {
                guard let json = try? JSONValue.parse(Data(line)), let entry = Self.entry(json),
                    let stored = json["resourceVersion"]?.intValue
                else {
                    guard index == lines.count - 1 else { throw CorruptState(path: logFile.path, line: index + 1) }
                    // Cut short by a crash while it was written: cut off, so that the next change starts a line.
                    let handle = try FileHandle(forWritingTo: logFile)
                    try handle.truncate(atOffset: UInt64(kept))
                    try handle.close()
                    break
                }
                revision = max(revision, stored)
                objects[Self.identity(entry)] = entry
                logLines += 1
                kept = line.endIndex - data.startIndex + 1
            }
        }
        return Snapshot(revision: revision, objects: objects.values.filter { $0.object != nil })
    }

    /// Appends `changes` as of `revision`; when the log has grown to twice the store's `count` objects, writes a
    /// new snapshot of them (`all`) and starts the log afresh.
    func record(_ changes: [Entry], revision: Int64, count: Int, all: () -> [Entry]) throws {
        guard !changes.isEmpty else { return }
        var text = ""
        for change in changes {
            let line: JSONValue = [
                "resourceVersion": .int(revision), "group": .string(change.resource.group),
                "resource": .string(change.resource.resource), "namespace": .string(change.namespace),
                "name": .string(change.name), "object": change.object ?? .null,
            ]
            text += line.jsonString() + "\n"
        }
        try openLog().write(contentsOf: Data(text.utf8))
        logLines += changes.count
        if logLines > max(256, 2 * count) { try compact(all(), revision: revision) }
    }

    /// Replaces the snapshot with `entries` and empties the log.
    private func compact(_ entries: [Entry], revision: Int64) throws {
        let json: JSONValue = [
            "resourceVersion": .int(revision),
            "objects": .array(
                entries.map {
                    [
                        "group": .string($0.resource.group), "resource": .string($0.resource.resource),
                        "object": $0.object ?? .null,
                    ]
                }),
        ]
        try PrivateFile.write(json.jsonData(), to: snapshotFile)
        let handle = try openLog()
        try handle.truncate(atOffset: 0)
        logLines = 0
    }

    private func openLog() throws -> FileHandle {
        if let log { return log }
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let descriptor = open(logFile.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PrivateFile.WriteError(path: logFile.path, reason: "open: \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        log = handle
        return handle
    }

    /// A snapshot item (`group`, `resource`, `object`) or a log line (with `namespace` and `name` too, and a null
    /// `object` for a deletion).
    private static func entry(_ json: JSONValue) -> Entry? {
        guard let group = json["group"]?.stringValue, let resource = json["resource"]?.stringValue,
            let object = json["object"],
            let name = json["name"]?.stringValue ?? object["metadata"]?["name"]?.stringValue
        else { return nil }
        let namespace = json["namespace"]?.stringValue ?? object["metadata"]?["namespace"]?.stringValue ?? ""
        return Entry(
            resource: GroupResource(group: group, resource: resource), namespace: namespace, name: name,
            object: object == .null ? nil : object)
    }

    private static func identity(_ entry: Entry) -> String {
        "\(entry.resource.group)/\(entry.resource.resource)/\(entry.namespace)/\(entry.name)"
    }
}
