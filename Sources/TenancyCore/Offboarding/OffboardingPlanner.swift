import JSON

/// Plans a tenant's removal: renders the offboarding playbook over what the cluster holds of the tenant
/// (`TenantFootprint.context`) and compares it with that footprint. Every step must remove something; a target
/// labelled for another tenant is a conflict; namespaces, node pools and clusters are irreversible and list what
/// they hold. Pure.
public enum OffboardingPlanner {
    public static func plan(_ footprint: TenantFootprint, playbook: Playbook, facts: ClusterFacts) throws(PlanningError)
        -> Plan
    {
        let steps: [RenderedStep]
        do {
            steps = try playbook.render(context: footprint.context)
        } catch {
            throw PlanningError(messages: error.diagnostics.map(\.description))
        }
        let adding = steps.filter { !$0.removes }.map(\.id)
        guard adding.isEmpty else {
            throw PlanningError(messages: [
                "\(playbook.name) is an offboarding playbook, but these steps do not ensure absent: \(adding.joined(separator: ", "))"
            ])
        }
        let live = footprint.liveState
        let changes = StepDiff.changes(steps, live: live).map { change in
            OffboardingHoldings.annotated(guarded(change, live: live, tenant: footprint.tenant), footprint, live: live)
        }
        return Plan(
            tenant: footprint.tenant, cluster: footprint.cluster,
            isolation: footprint.ownCluster == nil ? .logical : .physical,
            facts: facts, offline: false, changes: changes, notes: footprint.kept, offboarding: true)
    }

    /// `change` as a conflict when its target is labelled for another tenant: offboarding one tenant never
    /// removes another's objects, whatever the playbook names.
    private static func guarded(_ change: PlannedChange, live: LiveState, tenant: String) -> PlannedChange {
        guard change.action == .delete, case .object(let key) = change.target,
            let other = live.objects[key]?["metadata"]?["labels"]?[Labels.tenant]?.stringValue, other != tenant
        else { return change }
        var conflict = change
        conflict.action = .conflict
        conflict.message = "\(key) belongs to tenant \"\(other)\""
        return conflict
    }
}

extension RenderedStep {
    /// Whether the step ensures its target is absent.
    var removes: Bool {
        switch action {
        case .kubernetes(let ensure, _), .cloud(_, let ensure, _): return ensure == .absent
        }
    }
}
