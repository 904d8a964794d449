import Foundation
import JSON

/// The CCE state on disk (`cce.json` beside the Kubernetes snapshot), so that clusters, node pools, add-ons and
/// jobs outlive a restart as the Kubernetes objects do. IAM tokens are not kept: clients log in again.
extension CCEState {
    var json: JSONValue {
        func objects(_ store: [String: CCEObject]) -> JSONValue {
            .object(
                store.mapValues { item in
                    [
                        "object": item.object, "since": .double(item.since.timeIntervalSince1970),
                        "deleting": .bool(item.deleting),
                    ]
                })
        }
        return [
            "clusters": objects(clusters), "jobs": objects(jobs), "nodePools": objects(nodePools),
            "addons": objects(addons),
            "nextID": .int(Int64(nextID)),
        ]
    }

    /// The state `json` describes, with the seeded clusters added where it lacks them.
    init(json: JSONValue, seeding seeds: [CCEConfiguration.SeedCluster], at now: Date) {
        self.init(seeding: seeds, at: now)
        func objects(_ key: String) -> [String: CCEObject] {
            (json[key]?.objectValue ?? [:]).compactMapValues { item in
                guard let object = item["object"], let since = item["since"] else { return nil }
                let seconds: Double
                switch since {
                case .double(let value): seconds = value
                case .int(let value): seconds = Double(value)
                default: return nil
                }
                return CCEObject(
                    object: object, since: Date(timeIntervalSince1970: seconds),
                    deleting: item["deleting"]?.boolValue ?? false)
            }
        }
        clusters.merge(objects("clusters")) { _, saved in saved }
        jobs = objects("jobs")
        nodePools = objects("nodePools")
        addons = objects("addons")
        nextID = Int(json["nextID"]?.intValue ?? 1)
    }
}

/// Where the CCE state is kept: `cce.json` in the state directory, replaced atomically, readable by its owner only.
struct CCEPersistence: Sendable {
    let file: URL

    init(directory: URL) { file = directory.appendingPathComponent("cce.json") }

    func load() throws -> JSONValue? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try JSONValue.parse(try Data(contentsOf: file))
    }

    func save(_ state: JSONValue) throws {
        try PrivateFile.write(state.jsonData(), to: file)
    }
}
