import JSON

/// Why CCE refuses a node pool create body, as the 400 it answers with (`CCE.01400001`); nil when it accepts it.
enum NodePoolBodyRules {
    static func problem(_ pool: JSONValue) -> CCEReply? {
        let name = pool.value(at: ["metadata", "name"])?.stringValue ?? ""
        if let refusal = CCENames.refusal(name, length: CCENames.nodePoolLength) { return refusal }
        guard let count = pool.value(at: ["spec", "initialNodeCount"])?.intValue, count >= 0 else {
            return .badRequest("Invalid request: spec.initialNodeCount is required, a whole number from 0.")
        }
        let template = pool.value(at: ["spec", "nodeTemplate"]) ?? [:]
        let elastic = pool.value(at: ["spec", "type"]) == "ElasticBMS"
        return (templateProblem(template) ?? volumesProblem(template, passthrough: elastic)).map(CCEReply.badRequest)
    }

    /// Nodes need a flavor, a named availability zone (no random one through the API) and a login (an SSH key
    /// pair or a password).
    private static func templateProblem(_ template: JSONValue) -> String? {
        if (template["flavor"]?.stringValue ?? "").isEmpty {
            return "Invalid request: spec.nodeTemplate.flavor is required."
        }
        let az = template["az"]?.stringValue ?? ""
        if az.isEmpty || az == "random" {
            return "Invalid request: spec.nodeTemplate.az must name an availability zone, found \"\(az)\"."
        }
        let login = template["login"] ?? [:]
        if (login["sshKey"]?.stringValue ?? "").isEmpty, login["userPassword"] == nil {
            return "Invalid request: spec.nodeTemplate.login needs an sshKey or a userPassword."
        }
        return nil
    }

    /// A system disk of 40–1024 GB and at least one data disk (10–32768 GB; the container runtime's), each with a
    /// `volumetype`; on an `ElasticBMS` pool every disk says `hw:passthrough: true`.
    private static func volumesProblem(_ template: JSONValue, passthrough: Bool) -> String? {
        let data = template["dataVolumes"]?.arrayValue ?? []
        if data.isEmpty { return "Invalid request: spec.nodeTemplate.dataVolumes needs at least one data disk." }
        let disks: [(String, JSONValue?, ClosedRange<Int64>)] =
            [("spec.nodeTemplate.rootVolume", template["rootVolume"], 40...1024)]
            + data.enumerated().map {
                ("spec.nodeTemplate.dataVolumes[\($0.offset)]", Optional($0.element), 10...32768)
            }
        for (path, disk, sizes) in disks {
            guard let disk, let size = disk["size"]?.intValue, sizes.contains(size),
                !(disk["volumetype"]?.stringValue ?? "").isEmpty
            else {
                return
                    "Invalid request: \(path) needs a volumetype and a size of \(sizes.lowerBound)-\(sizes.upperBound) GB."
            }
            if passthrough, disk["hw:passthrough"] != true {
                return "Invalid request: \(path) of an ElasticBMS node pool needs hw:passthrough: true."
            }
        }
        return nil
    }
}
