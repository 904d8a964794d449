import JSON

extension Plan {
    /// Why plans saved earlier no longer hold, given the plans made again now from the same inputs; nil when they
    /// do. They hold when planning again gives exactly the saved changes: the same tenants, steps, targets, bodies,
    /// fields and resourceVersions (an edited saved plan, or a live object that moved, is stale).
    public static func staleness(saved: [Plan], fresh: [Plan]) throws -> String? {
        guard saved.map(\.tenant) == fresh.map(\.tenant) else { return "the tenants planned differ" }
        for (old, new) in zip(saved, fresh) {
            guard old.changes.map(\.id) == new.changes.map(\.id) else { return "\(old.tenant): the steps differ" }
            for (before, now) in zip(old.changes, new.changes) {
                let (saved, planned) = (try JSONValue(encoding: before), try JSONValue(encoding: now))
                guard saved == planned else {
                    return "\(old.tenant): \(before.id) (\(before.target)) \(difference(before, now, saved, planned))"
                }
            }
        }
        return nil
    }

    /// What moved in one change (`old` and `new` are its JSON forms), in words.
    private static func difference(
        _ saved: PlannedChange, _ now: PlannedChange, _ old: JSONValue, _ new: JSONValue
    ) -> String {
        if saved.action != now.action || saved.resourceVersion != now.resourceVersion {
            return
                "was planned as \(saved.action.rawValue) at resourceVersion \(saved.resourceVersion ?? "none"), is now \(now.action.rawValue) at \(now.resourceVersion ?? "none")"
        }
        let moved =
            Set(saved.fields.map(\.path)).symmetricDifference(now.fields.map(\.path)).sorted()
            + zip(saved.fields, now.fields).filter { $0 != $1 }.map(\.0.path)
        if !moved.isEmpty { return "changed in \(moved.prefix(3).joined(separator: ", ")) since the plan was made" }
        let members = (old.objectValue ?? [:]).keys.filter { old[$0] != new[$0] }.sorted()
        return
            "differs from what planning again gives in \(members.joined(separator: ", ")): the file was edited, or an input moved"
    }
}
