import JSON

/// The diff of rendered steps against live state, one `PlannedChange` a step (`ObjectDiff` compares the fields of
/// one object): create what is missing, update what differs (only the fields the step sets), delete what a step
/// wants absent, leave alone what matches, and name as a conflict anything that exists without tenantctl's
/// ownership labels. Pure: the live state is read by the caller.
public enum StepDiff {
    public static func changes(_ steps: [RenderedStep], live: LiveState) -> [PlannedChange] {
        steps.map { change(for: $0, live: live) }
    }

    /// `change` compared again with `found`, its target as it is now: what a write must do at this moment
    /// (nothing, when another writer converged it; a conflict, when its ownership changed).
    public static func recheck(_ change: PlannedChange, live found: JSONValue?) -> PlannedChange {
        let wanted: Playbook.Ensure = change.action == .delete ? .absent : .present
        var live = LiveState()
        let action: RenderedStep.Action
        switch change.target {
        case .object(let key):
            var stub: JSONValue = [
                "apiVersion": .string(key.apiVersion), "kind": .string(key.kind),
                "metadata": ["name": .string(key.name)],
            ]
            if let namespace = key.namespace { stub["metadata"]?["namespace"] = .string(namespace) }
            action = .kubernetes(ensure: wanted, object: change.desired ?? stub)
            live.objects[key] = found
        case .cloud(let key):
            action = .cloud(
                key.resource, ensure: wanted, body: change.desired ?? ["metadata": ["name": .string(key.name)]])
            live.cloud[key] = found
        }
        let step = RenderedStep(
            id: change.id, stepID: change.stepID, dependsOn: change.dependsOn, action: action, adopt: change.adopt)
        return self.change(for: step, live: live)
    }

    private static func change(for step: RenderedStep, live: LiveState) -> PlannedChange {
        let (ensure, desired, target, found): (Playbook.Ensure, JSONValue, PlannedChange.Target, JSONValue?)
        switch step.action {
        case .kubernetes(let wanted, let object):
            let key = ObjectKey(object: object) ?? ObjectKey(apiVersion: "", kind: "", namespace: nil, name: step.id)
            (ensure, desired, target, found) = (wanted, object, .object(key), live.objects[key])
        case .cloud(let resource, let wanted, let body):
            let key = CloudKey(resource: resource, body: body) ?? CloudKey(resource: resource, name: step.id)
            (ensure, desired, target, found) = (wanted, body, .cloud(key), live.cloud[key])
        }
        var change = PlannedChange(
            id: step.id, stepID: step.stepID, dependsOn: step.dependsOn, action: .noOp, target: target,
            desired: desired,
            resourceVersion: found?["metadata"]?["resourceVersion"]?.stringValue, adopt: step.adopt)
        if live.objectsObserved, case .object = target { change.observed = Observation(object: found) }
        guard let found else {
            if ensure == .present {
                change.action = .create
                change.fields = ObjectDiff.changes(desired: desired, live: [:])
            } else {
                change.desired = nil
            }
            return change
        }
        let deleting = ensure == .absent
        if let problem = Ownership.problem(
            desired: desired, live: found, target: target, deleting: deleting, adopting: step.adopt && !deleting)
        {
            change.action = .conflict
            change.message = problem
            return change
        }
        if deleting {
            change.action = .delete
            change.desired = nil
            return change
        }
        change.fields = ObjectDiff.changes(desired: desired, live: found)
        if case .cloud(let key) = target, key.resource == .nodePool {
            change.fields = NodePoolChanges.comparable(change.fields, desired: desired)
            if let problem = NodePoolChanges.replacement(change.fields, name: key.name) {
                change.action = .conflict
                change.message = problem
                return change
            }
        }
        change.action = change.fields.isEmpty ? .noOp : .update
        return change
    }
}
