import Foundation
import JSON

/// Who a write records in `managedFields`.
enum Ownership {
    /// An update by `manager`: it owns what it changed.
    case update(String, subresource: String? = nil)
    /// A server-side apply by `manager` of a configuration with these fields.
    case apply(String, FieldSet)
}

extension KubeStore {
    /// Creates an object (POST). Errors: 422 invalid name or kind, 404/403 missing or terminating namespace,
    /// 409 AlreadyExists.
    public func create(
        _ object: JSONValue, as type: ResourceType, namespace: String?, options: WriteOptions = WriteOptions()
    ) throws(KubeStatusError) -> JSONValue {
        try create(object, as: type, namespace: namespace, options: options, ownership: .update(options.fieldManager))
    }

    /// Replaces an object (PUT). A `metadata.resourceVersion` in the body must be the stored one (409 Conflict).
    public func update(
        _ object: JSONValue, as type: ResourceType, namespace: String?, name: String,
        subresource: String? = nil, options: WriteOptions = WriteOptions()
    ) throws(KubeStatusError) -> JSONValue {
        try replace(
            type, namespace, name, options: options,
            ownership: .update(options.fieldManager, subresource: subresource), subresource: subresource
        ) { _ throws(KubeStatusError) in object }
    }

    /// Patches an object: `transform` maps the stored object to the new one (merge, strategic or JSON patch).
    public func patch(
        _ type: ResourceType, namespace: String?, name: String, subresource: String? = nil,
        options: WriteOptions = WriteOptions(),
        transform: @Sendable (JSONValue) throws(KubeStatusError) -> JSONValue
    ) throws(KubeStatusError) -> JSONValue {
        try replace(
            type, namespace, name, options: options,
            ownership: .update(options.fieldManager, subresource: subresource), subresource: subresource,
            transform: transform)
    }

    /// Server-side apply: creates the object when absent (`created` true), else merges the configuration.
    public func apply(
        _ configuration: JSONValue, as type: ResourceType, namespace: String?, name: String, options: WriteOptions
    ) throws(KubeStatusError) -> (object: JSONValue, created: Bool) {
        let config = try ObjectRules.checkIdentity(configuration, type: type, namespace: namespace, urlName: name)
        let ownership = Ownership.apply(options.fieldManager, FieldSet.leaves(of: config))
        guard objects[key(type, namespace, name)] != nil else {
            return (try create(config, as: type, namespace: namespace, options: options, ownership: ownership), true)
        }
        let object = try replace(type, namespace, name, options: options, ownership: ownership, subresource: nil) {
            live throws(KubeStatusError) in
            try ServerSideApply.merge(config, onto: live, manager: options.fieldManager, force: options.force)
        }
        return (object, false)
    }

    func create(
        _ object: JSONValue, as type: ResourceType, namespace: String?, options: WriteOptions, ownership: Ownership
    ) throws(KubeStatusError) -> JSONValue {
        var candidate = try ObjectRules.checkIdentity(object, type: type, namespace: namespace, urlName: nil)
        let name = candidate["metadata"]?["name"]?.stringValue ?? ""
        if type.isNamespaced { try checkNamespaceAccepts(type, namespace ?? "", name) }
        let key = key(type, namespace, name)
        guard objects[key] == nil else { throw .alreadyExists(type.groupResource, name) }
        if type.isNamespaced { candidate = try admitCreate(candidate, as: type, namespace: namespace ?? "") }
        for member in ["uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "generation", "selfLink"] {
            candidate["metadata"]?[member] = nil
        }
        candidate = ObjectRules.defaultsOnUpdate(candidate, type: type)
        let now = ObjectRules.timestamp()
        let entries = managedEntries(
            old: nil, new: candidate, ownership: ownership, apiVersion: type.apiVersion, time: now)
        candidate = ManagedFields.setting(entries, on: ObjectRules.defaultsOnCreate(candidate, type: type))
        candidate["metadata"]?["uid"] = .string(UUID().uuidString.lowercased())
        candidate["metadata"]?["creationTimestamp"] = .string(now)
        if type.tracksGeneration { candidate["metadata"]?["generation"] = 1 }
        if options.dryRun { return candidate }
        candidate["metadata"]?["resourceVersion"] = .string(nextResourceVersion())
        objects[key] = candidate
        publish(.added, type, candidate)
        try persist()
        return candidate
    }

    /// The read-modify-write behind update, patch and apply.
    func replace(
        _ type: ResourceType, _ namespace: String?, _ name: String, options: WriteOptions, ownership: Ownership,
        subresource: String?, transform: (JSONValue) throws(KubeStatusError) -> JSONValue
    ) throws(KubeStatusError) -> JSONValue {
        let key = key(type, namespace, name)
        guard let old = objects[key] else { throw .notFound(type.groupResource, name) }
        let requested = try ObjectRules.checkIdentity(
            try transform(old), type: type, namespace: namespace, urlName: name)
        let oldVersion = old["metadata"]?["resourceVersion"] ?? .null
        if let given = requested["metadata"]?["resourceVersion"]?.stringValue, !given.isEmpty,
            .string(given) != oldVersion
        {
            throw .conflict(type.groupResource, name)
        }
        var candidate: JSONValue
        if subresource == "status" {
            candidate = old
            candidate["status"] = requested["status"]
            if let fields = requested["metadata"]?["managedFields"] { candidate["metadata"]?["managedFields"] = fields }
        } else {
            candidate = requested
            if type.hasStatusSubresource { candidate["status"] = old["status"] }
        }
        for member in ["uid", "creationTimestamp", "deletionTimestamp", "generation", "resourceVersion"] {
            candidate["metadata"]?[member] = old["metadata"]?[member]
        }
        candidate = ObjectRules.defaultsOnUpdate(candidate, type: type)
        let entries = managedEntries(
            old: old, new: candidate, ownership: ownership, apiVersion: type.apiVersion, time: ObjectRules.timestamp())
        candidate = ManagedFields.setting(entries, on: candidate)
        if candidate == old { return old }
        if type.tracksGeneration, ObjectRules.specPart(candidate) != ObjectRules.specPart(old) {
            candidate["metadata"]?["generation"] = .int((old["metadata"]?["generation"]?.intValue ?? 0) + 1)
        }
        if options.dryRun { return candidate }
        if candidate["metadata"]?["deletionTimestamp"] != nil, !type.isNamespace,
            candidate["metadata"]?["finalizers"]?.arrayValue?.isEmpty ?? true
        {
            objects[key] = nil
            publishDeletion(type, candidate)
            try persist()
            return candidate
        }
        candidate["metadata"]?["resourceVersion"] = .string(nextResourceVersion())
        objects[key] = candidate
        publish(.modified, type, candidate)
        try persist()
        return candidate
    }

    /// `managedFields` after a write: entries the client sent (when it changed them) or the stored ones,
    /// updated for this write's owner.
    private func managedEntries(
        old: JSONValue?, new: JSONValue, ownership: Ownership, apiVersion: String, time: String
    ) -> [ManagedFieldsEntry] {
        let stored = old.map(ManagedFields.entries) ?? []
        let base = new["metadata"]?["managedFields"] == nil ? stored : ManagedFields.entries(of: new)
        switch ownership {
        case .update(let manager, let subresource):
            return ManagedFields.recordingUpdate(
                base, manager: manager, apiVersion: apiVersion, subresource: subresource, old: old, new: new, time: time
            )
        case .apply(let manager, let fields):
            let taken = FieldSet(
                Set(
                    fields.paths.filter { path in
                        old.flatMap { FieldSet.value(at: path, in: $0) } != FieldSet.value(at: path, in: new)
                    }))
            return ManagedFields.recordingApply(
                base, manager: manager, apiVersion: apiVersion, applied: fields, taken: taken, time: time)
        }
    }

    func checkNamespaceAccepts(_ type: ResourceType, _ namespace: String, _ name: String) throws(KubeStatusError) {
        let namespaces = GroupResource(group: "", resource: "namespaces")
        guard !namespace.isEmpty else { throw .badRequest("the namespace of the object is required") }
        guard let object = objects[Key(resource: namespaces, namespace: "", name: namespace)] else {
            throw .notFound(namespaces, namespace)
        }
        if object["metadata"]?["deletionTimestamp"] != nil {
            throw .forbidden(
                type.groupResource, name,
                "unable to create new content in namespace \(namespace) because it is being terminated",
                causes: [
                    .init(
                        reason: "NamespaceTerminating", message: "namespace \(namespace) is being terminated",
                        field: "metadata.namespace")
                ])
        }
    }
}

extension ResourceType {
    var isNamespace: Bool { group.isEmpty && kind == "Namespace" }
}
