import JSON

/// `metadata.managedFields`: who set which fields, recorded minimally the way the real field manager does.
///
/// Update operations own the fields they changed (and `"."` for maps they created); apply operations own
/// exactly the fields of their applied configuration. Fields one manager takes over leave the others' sets.
struct ManagedFieldsEntry: Hashable, Sendable {
    var manager: String
    var operation: String
    var apiVersion: String
    var time: String
    var subresource: String?
    var fields: FieldSet

    init(
        manager: String, operation: String, apiVersion: String, time: String, subresource: String? = nil,
        fields: FieldSet
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.subresource = subresource
        self.fields = fields
    }

    init?(_ json: JSONValue) {
        guard let manager = json["manager"]?.stringValue, let operation = json["operation"]?.stringValue else {
            return nil
        }
        self.init(
            manager: manager, operation: operation, apiVersion: json["apiVersion"]?.stringValue ?? "",
            time: json["time"]?.stringValue ?? "", subresource: json["subresource"]?.stringValue,
            fields: FieldSet(fieldsV1: json["fieldsV1"] ?? .object([:])))
    }

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "manager": .string(manager), "operation": .string(operation), "apiVersion": .string(apiVersion),
            "time": .string(time), "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
        ]
        if let subresource { members["subresource"] = .string(subresource) }
        return .object(members)
    }

    func isSameOwner(manager: String, operation: String, subresource: String?) -> Bool {
        self.manager == manager && self.operation == operation && self.subresource == subresource
    }
}

enum ManagedFields {
    static func entries(of object: JSONValue) -> [ManagedFieldsEntry] {
        object.value(at: ["metadata", "managedFields"])?.arrayValue?.compactMap(ManagedFieldsEntry.init) ?? []
    }

    static func setting(_ entries: [ManagedFieldsEntry], on object: JSONValue) -> JSONValue {
        var result = object
        var metadata = object["metadata"] ?? .object([:])
        metadata["managedFields"] = entries.isEmpty ? JSONValue?.none : .array(entries.map(\.json))
        result["metadata"] = metadata
        return result
    }

    /// The entries after an update by `manager` took `old` (nil on create) to `new`.
    static func recordingUpdate(
        _ entries: [ManagedFieldsEntry], manager: String, apiVersion: String, subresource: String? = nil,
        old: JSONValue?, new: JSONValue, time: String
    ) -> [ManagedFieldsEntry] {
        let before = old ?? .object([:])
        let changed = FieldSet.changes(from: before, to: new)
        let removed = FieldSet.removals(from: before, to: new)
        if changed.isEmpty && removed.isEmpty { return entries }
        var result: [ManagedFieldsEntry] = []
        var found = false
        for var entry in entries {
            if entry.isSameOwner(manager: manager, operation: "Update", subresource: subresource) {
                entry.fields = entry.fields.union(changed).subtracting(removed)
                entry.time = time
                entry.apiVersion = apiVersion
                found = true
            } else {
                entry.fields = entry.fields.subtracting(changed).subtracting(removed)
            }
            if !entry.fields.isEmpty { result.append(entry) }
        }
        if !found, !changed.isEmpty {
            result.append(
                ManagedFieldsEntry(
                    manager: manager, operation: "Update", apiVersion: apiVersion, time: time,
                    subresource: subresource, fields: changed))
        }
        return result
    }

    /// The entries after `manager` applied a configuration owning `applied`, which changed `taken` fields.
    static func recordingApply(
        _ entries: [ManagedFieldsEntry], manager: String, apiVersion: String, applied: FieldSet,
        taken: FieldSet, time: String
    ) -> [ManagedFieldsEntry] {
        var result: [ManagedFieldsEntry] = []
        var found = false
        for var entry in entries {
            if entry.isSameOwner(manager: manager, operation: "Apply", subresource: nil) {
                if entry.fields != applied { entry.time = time }
                entry.fields = applied
                entry.apiVersion = apiVersion
                found = true
            } else {
                entry.fields = entry.fields.subtracting(taken)
            }
            if !entry.fields.isEmpty { result.append(entry) }
        }
        if !found {
            result.append(
                ManagedFieldsEntry(
                    manager: manager, operation: "Apply", apiVersion: apiVersion, time: time, fields: applied))
        }
        return result
    }
}
