import JSON

/// A playbook (`kind: Playbook`): named steps, each with one action, ordered by their dependencies.
/// Read from `Playbooks/*.yaml`; rendered against a tenant, its decision and the cluster facts.
public struct Playbook: Sendable, Hashable {
    public var name: String
    /// The steps in file order.
    public var steps: [Step]
    /// Step indices in dependency order: every step after the steps it depends on, otherwise file order.
    public var order: [Int]
    /// Where the playbook's fields stand, for diagnostics raised after reading.
    public var source: SourceMap

    /// One step: an action, when it runs, and what it waits for.
    public struct Step: Sendable, Hashable {
        /// A DNS label, unique in the playbook.
        public var id: String
        /// Ids of steps that must be done first.
        public var dependsOn: [String]
        /// Repeats the step for each item of a list; the item is `${item}`.
        public var forEach: Template?
        /// Runs the step only when this is true.
        public var when: Template?
        public var action: Action
        /// Converge an existing object that lacks tenantctl's labels instead of reporting a conflict: for objects
        /// the control plane creates by itself, such as a namespace's `default` ServiceAccount.
        public var adopt: Bool
        /// The step's path, `spec.steps[N]`.
        public var path: FieldPath
    }

    /// What a step does.
    public enum Action: Sendable, Hashable {
        /// Ensures a Kubernetes object is present or absent.
        case kubernetes(ensure: Ensure, object: Template)
        /// Ensures a cloud resource is present (created or updated from a body template) or absent.
        case cloud(CloudResource, ensure: Ensure, body: Template)
    }

    /// Whether an object should exist.
    public enum Ensure: String, Sendable, Hashable, CaseIterable {
        case present, absent
    }

    /// The cloud resources a playbook can manage.
    public enum CloudResource: String, Sendable, Hashable, CaseIterable {
        case nodePool, cluster, addon
    }
}
