import JSON

extension KubeStore {
    static let namespaceTerminatingMessage =
        "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will "
        + "automatically be purged by the system."

    /// Deletes an object (DELETE). A namespace turns Terminating (its contents go asynchronously); an object
    /// with finalizers gets a `deletionTimestamp` and stays until an update removes them.
    public func delete(
        _ type: ResourceType, namespace: String?, name: String, options: DeleteOptions = DeleteOptions()
    ) throws(KubeStatusError) -> DeleteOutcome {
        let key = key(type, namespace, name)
        guard let old = objects[key] else { throw .notFound(type.groupResource, name) }
        try checkPreconditions(options, old, type, name)
        let finalizers = old["metadata"]?["finalizers"]?.arrayValue ?? []
        if type.isNamespace || !finalizers.isEmpty {
            if old["metadata"]?["deletionTimestamp"] != nil {
                if type.isNamespace { throw .conflict(type.groupResource, name, Self.namespaceTerminatingMessage) }
                return .pending(old)
            }
            let terminating = markDeleting(old, at: key, type, dryRun: options.dryRun)
            if !options.dryRun { try persist() }
            return .pending(terminating)
        }
        if options.dryRun { return .deleted(old) }
        objects[key] = nil
        publishDeletion(type, old)
        try persist()
        return .deleted(old)
    }

    private func checkPreconditions(_ options: DeleteOptions, _ object: JSONValue, _ type: ResourceType, _ name: String)
        throws(KubeStatusError)
    {
        let uid = object["metadata"]?["uid"]?.stringValue ?? ""
        if let wanted = options.uid, wanted != uid {
            throw .conflict(
                type.groupResource, name,
                "Precondition failed: UID in precondition: \(wanted), UID in object meta: \(uid)")
        }
        let version = object["metadata"]?["resourceVersion"]?.stringValue ?? ""
        if let wanted = options.resourceVersion, wanted != version {
            throw .conflict(
                type.groupResource, name,
                "Precondition failed: ResourceVersion in precondition: \(wanted), ResourceVersion in object meta: \(version)"
            )
        }
    }

    /// Sets `deletionTimestamp` as a DELETE does (a namespace also turns Terminating) and, unless `dryRun`,
    /// stores and reports the change; returns the object as it now is.
    func markDeleting(_ old: JSONValue, at key: Key, _ type: ResourceType, dryRun: Bool) -> JSONValue {
        var terminating = old
        terminating["metadata"]?["deletionTimestamp"] = .string(ObjectRules.timestamp())
        if type.isNamespace { terminating["status"] = ["phase": "Terminating"] }
        if dryRun { return terminating }
        terminating["metadata"]?["resourceVersion"] = .string(nextResourceVersion())
        objects[key] = terminating
        publish(.modified, type, terminating)
        return terminating
    }

    /// Reports a deletion; like the real server, the deletion takes a resourceVersion of its own.
    func publishDeletion(_ type: ResourceType, _ object: JSONValue) {
        var last = object
        last["metadata"]?["resourceVersion"] = .string(nextResourceVersion())
        publish(.deleted, type, last)
    }
}
