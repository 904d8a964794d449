import Foundation
import JSON

/// Server-side apply (`application/apply-patch+yaml`) merged onto a live object.
///
/// The applied configuration is overlaid onto the live object; fields this manager applied before and no
/// longer applies are removed unless another manager owns them; a field that another manager owns and the
/// configuration would change is a conflict unless `force` is set. Lists are atomic (see ``FieldSet``).
enum ServerSideApply {
    static func merge(
        _ applied: JSONValue, onto live: JSONValue, manager: String, force: Bool
    ) throws(KubeStatusError) -> JSONValue {
        let appliedFields = FieldSet.leaves(of: applied)
        let entries = ManagedFields.entries(of: live)
        if !force {
            try checkConflicts(appliedFields, applied: applied, live: live, entries: entries, manager: manager)
        }
        let previous = entries.first { $0.isSameOwner(manager: manager, operation: "Apply", subresource: nil) }?.fields
        let others = entries.filter { !$0.isSameOwner(manager: manager, operation: "Apply", subresource: nil) }
        let abandoned = (previous ?? FieldSet()).subtracting(appliedFields).paths.filter { path in
            !others.contains { $0.fields.paths.contains(path) }
        }
        var config = applied
        config["metadata"]?["managedFields"] = nil
        return MergePatch.overlay(config, on: FieldSet.removing(abandoned, from: live))
    }

    private static func checkConflicts(
        _ appliedFields: FieldSet, applied: JSONValue, live: JSONValue, entries: [ManagedFieldsEntry], manager: String
    ) throws(KubeStatusError) {
        var conflicts: [(manager: String, apiVersion: String, path: [String])] = []
        for path in appliedFields.paths.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let current = FieldSet.value(at: path, in: live), current != FieldSet.value(at: path, in: applied)
            else { continue }
            for entry in entries where entry.manager != manager && entry.fields.paths.contains(path) {
                conflicts.append((entry.manager, entry.apiVersion, path))
            }
        }
        guard !conflicts.isEmpty else { return }
        let causes = conflicts.map {
            KubeStatusError.Cause(
                reason: "FieldManagerConflict", message: "conflict with \"\($0.manager)\" using \($0.apiVersion)",
                field: FieldSet.display($0.path))
        }
        let message: String
        if conflicts.count == 1 {
            message = "Apply failed with 1 conflict: \(causes[0].message): \(causes[0].field)"
        } else {
            let lines = causes.map {
                "- \($0.message.replacingOccurrences(of: "conflict with", with: "conflicts with")): \($0.field)"
            }
            message = "Apply failed with \(conflicts.count) conflicts: \n" + lines.joined(separator: "\n")
        }
        throw KubeStatusError(code: 409, reason: "Conflict", message: message, causes: causes)
    }
}
