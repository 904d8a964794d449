import JSON

/// What a node pool's update can do, for the plan. CCE changes neither the flavor nor the availability zone of
/// a pool in place: a plan that changes either means replacing the pool, which tenantctl does not do on its own
/// (its nodes and their pods go with it), so the change is a conflict that says so. A pool that autoscales has
/// its node count chosen by the autoscaler (updates leave it alone), so its count is not compared.
enum NodePoolChanges {
    /// The fields whose change means a new pool.
    static let fixed = ["spec.nodeTemplate.flavor", "spec.nodeTemplate.az"]

    /// `fields` without the node count when `desired` autoscales.
    static func comparable(_ fields: [FieldChange], desired: JSONValue) -> [FieldChange] {
        guard desired.value(at: ["spec", "autoscaling", "enable"]) == true else { return fields }
        return fields.filter { $0.path != "spec.initialNodeCount" }
    }

    /// Why `fields` cannot be an update of pool `name`, or nil when they can.
    static func replacement(_ fields: [FieldChange], name: String) -> String? {
        let fixed = fields.filter { Self.fixed.contains($0.path) }
        guard !fixed.isEmpty else { return nil }
        let what = fixed.map {
            "\($0.path) \($0.before?.jsonString() ?? "unset") → \($0.after?.jsonString() ?? "unset")"
        }
        return
            "CCE cannot change a node pool's flavor or availability zone in place (\(what.joined(separator: ", "))): that means replacing node pool \(name), with its nodes; move its workloads, delete it, then apply again"
    }
}
