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
            var terminating = old
            terminating["metadata"]?["deletionTimestamp"] = .string(ObjectRules.timestamp())
            if type.isNamespace { terminating["status"] = ["phase": "Terminating"] }
            if options.dryRun { return .pending(terminating) }
            terminating["metadata"]?["resourceVersion"] = .string(nextResourceVersion())
            objects[key] = terminating
            publish(.modified, type, terminating)
            try persist()
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

    /// What the namespace controller does once a namespace is Terminating: removes everything in it,
    /// then the namespace itself.
    func purgeNamespace(_ name: String) throws(KubeStatusError) {
        for type in catalog.namespacedTypes {
            for (key, object) in objects where key.resource == type.groupResource && key.namespace == name {
                objects[key] = nil
                publishDeletion(type, object)
            }
        }
        guard let namespaceType = catalog.type(for: GroupResource(group: "", resource: "namespaces")) else { return }
        let key = key(namespaceType, nil, name)
        if let namespace = objects[key] {
            objects[key] = nil
            publishDeletion(namespaceType, namespace)
        }
        try persist()
    }

    /// Reports a deletion; like the real server, the deletion takes a resourceVersion of its own.
    func publishDeletion(_ type: ResourceType, _ object: JSONValue) {
        var last = object
        last["metadata"]?["resourceVersion"] = .string(nextResourceVersion())
        publish(.deleted, type, last)
    }
}
