import JSON

/// `PUT …/nodepools/{id}` as CCE takes it: the update schema only (the SDK's `NodePoolUpdate`), never a merge of
/// whatever is sent. The flavor cannot change and the zone is not in the schema; volumes come as
/// `rootVolumeUpdate`/`dataVolumesUpdate`; a missing `initialNodeCount` reads as 0 unless
/// `ignoreInitialNodeCount` is true.
enum NodePoolUpdate {
    static let specKeys: Set<String> = [
        "nodeTemplate", "initialNodeCount", "ignoreInitialNodeCount", "autoscaling", "nodeManagementUpdate",
        "taintPolicyOnExistingNodes", "labelPolicyOnExistingNodes", "userTagsPolicyOnExistingNodes",
        "customSecurityGroups", "extensionScaleGroups",
    ]
    static let templateKeys: Set<String> = [
        "flavor", "os", "login", "rootVolumeUpdate", "dataVolumesUpdate", "storage", "runtime", "taints", "k8sTags",
        "ecsGroupId", "userTags", "nodeNameTemplate", "initializedConditions", "serverEnterpriseProjectID",
        "nodeNicSpecUpdate", "securityReinforcementType", "extendParam",
    ]

    /// Applies the update `body` to `pool`; CCE's 400 for a body outside the schema, which changes nothing.
    static func apply(_ body: JSONValue, to pool: inout JSONValue) -> CCEReply? {
        let spec = body["spec"] ?? [:]
        let template = spec["nodeTemplate"] ?? [:]
        if let unknown = unknownKey(spec, specKeys, "spec") ?? unknownKey(template, templateKeys, "spec.nodeTemplate") {
            return .badRequest("Invalid request: \(unknown) is not a field of a node pool update.")
        }
        if let flavor = template["flavor"], flavor != pool.value(at: ["spec", "nodeTemplate", "flavor"]) {
            return .badRequest("Invalid request: spec.nodeTemplate.flavor of a node pool cannot be changed.")
        }
        var updated = pool
        if let name = body.value(at: ["metadata", "name"]) { updated["metadata"]?["name"] = name }
        if spec["ignoreInitialNodeCount"] != true {
            updated["spec"]?["initialNodeCount"] = spec["initialNodeCount"] ?? 0
        }
        if let autoscaling = spec["autoscaling"] { updated["spec"]?["autoscaling"] = autoscaling }
        let renamed: [String: String] = ["rootVolumeUpdate": "rootVolume", "dataVolumesUpdate": "dataVolumes"]
        for (key, value) in template.objectValue ?? [:] where key != "extendParam" {
            updated["spec"]?["nodeTemplate"]?[renamed[key] ?? key] = value
        }
        for (key, value) in template["extendParam"]?.objectValue ?? [:] {
            updated["spec"]?["nodeTemplate"]?["extendParam"]?[key] = value
        }
        pool = updated
        return nil
    }

    private static func unknownKey(_ object: JSONValue, _ allowed: Set<String>, _ path: String) -> String? {
        (object.objectValue ?? [:]).keys.sorted().first { !allowed.contains($0) }.map { "\(path).\($0)" }
    }
}
