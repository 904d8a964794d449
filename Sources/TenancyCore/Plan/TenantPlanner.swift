import JSON

/// Plans one tenant: renders the playbook over the tenant, its decision and the cluster's facts, then compares
/// every step with the live state. Pure; the caller reads the live state (or passes an empty one offline).
public enum TenantPlanner {
    /// Everything a plan is computed from, apart from the live state.
    public struct Inputs: Sendable {
        public var spec: TenantSpec
        public var decision: Decision
        public var cluster: ClusterProfile
        public var facts: ClusterFacts
        public var playbook: Playbook
        /// How the tenant's total is divided: the spec's division unless a live plan keeps or makes a rebalance.
        public var quota: QuotaAllocation

        public init(
            spec: TenantSpec, decision: Decision, cluster: ClusterProfile, facts: ClusterFacts, playbook: Playbook,
            quota: QuotaAllocation? = nil
        ) {
            self.spec = spec
            self.quota = quota ?? QuotaAllocation(spec)
            self.decision = decision
            self.cluster = cluster
            self.facts = facts
            self.playbook = playbook
        }

        /// The cluster the tenant's Kubernetes objects go to.
        public var kubernetesCluster: String {
            if case .own = decision.layout.site { return spec.name }
            return cluster.name
        }
    }

    /// The playbook's steps for the tenant, or every reason it cannot be rendered.
    public static func render(_ inputs: Inputs) throws(PlanningError) -> [RenderedStep] {
        guard inputs.decision.placeable else {
            throw PlanningError(messages: inputs.decision.reasons.filter { $0.kind == .error }.map(\.text))
        }
        if case .own(let new) = inputs.decision.layout.site {
            let cce = inputs.cluster.cce
            let missing = [
                cce?.vpc == nil ? "cce.vpc" : nil, cce?.networkID == nil ? "cce.networkID" : nil,
                new.containerCIDR != nil && cce?.vpcCIDR == nil ? "cce.vpcCIDR" : nil,
                new.networkMode == .cloudNative2 && cce?.subnetID == nil ? "cce.subnetID" : nil,
            ].compactMap { $0 }
            if !missing.isEmpty {
                throw PlanningError(messages: [
                    "\(inputs.spec.name) gets a cluster of its own in the network of \(inputs.cluster.name), but the inventory gives no \(missing.joined(separator: " and ")) for \(inputs.cluster.name)"
                ])
            }
        }
        if let cce = inputs.cluster.cce, cce.az == nil || cce.keyPair == nil {
            let missing = [cce.az == nil ? "cce.az" : nil, cce.keyPair == nil ? "cce.keyPair" : nil].compactMap { $0 }
            throw PlanningError(messages: [
                "node pools on \(inputs.cluster.name) need an availability zone and the SSH key pair their nodes log in with, but the inventory gives no \(missing.joined(separator: " and ")) for \(inputs.cluster.name)"
            ])
        }
        let context: JSONValue
        do {
            context = try PlaybookContext.make(
                tenant: inputs.spec, quota: inputs.quota, decision: inputs.decision, cluster: inputs.cluster,
                facts: inputs.facts)
        } catch {
            throw PlanningError(messages: ["\(inputs.spec.name)'s CCE bodies cannot be encoded: \(error)"])
        }
        do {
            return try inputs.playbook.render(context: context)
        } catch {
            throw PlanningError(messages: error.diagnostics.map(\.description))
        }
    }

    /// The plan of rendered `steps` against `live`.
    public static func plan(_ inputs: Inputs, steps: [RenderedStep], live: LiveState, offline: Bool) -> Plan {
        Plan(
            tenant: inputs.spec.name, cluster: inputs.kubernetesCluster, isolation: inputs.decision.isolation,
            facts: inputs.facts, offline: offline, changes: StepDiff.changes(steps, live: live),
            notes: QuotaNotes.notes(inputs.spec, inputs.quota)
                + PlanNotes.notes(inputs.spec, inputs.decision.layout, inputs.cluster, inputs.facts))
    }
}

/// A tenant that cannot be planned: its decision has errors, an input is missing, or the playbook fails to render.
public struct PlanningError: Error, Sendable, Hashable {
    public var messages: [String]

    public init(messages: [String]) { self.messages = messages }
}
