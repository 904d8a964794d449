import JSON

extension KubeStore {
    /// One pass of the namespace controller over a Terminating namespace (nothing otherwise): deletes each
    /// object in it as a DELETE would, so objects with finalizers get a `deletionTimestamp` and stay. When
    /// nothing is left the namespace goes; while something is, its `status.conditions` say what.
    func purgeNamespace(_ name: String) throws(KubeStatusError) {
        let namespaceType = Builtin.namespace(catalog)
        let namespaceKey = key(namespaceType, nil, name)
        guard let namespace = objects[namespaceKey], namespace["metadata"]?["deletionTimestamp"] != nil else {
            return
        }
        var changed = false
        var remaining = NamespaceDeletionStatus()
        for (key, object) in objects.filter({ $0.key.namespace == name }).sorted(by: { $0.key < $1.key }) {
            guard let type = catalog.type(for: key.resource) else { continue }
            if object["metadata"]?["finalizers"]?.arrayValue?.isEmpty ?? true {
                objects[key] = nil
                publishDeletion(type, object)
                changed = true
                continue
            }
            if object["metadata"]?["deletionTimestamp"] == nil {
                _ = markDeleting(object, at: key, type, dryRun: false)
                changed = true
            }
            remaining.count(object, of: key.resource)
        }
        if remaining.isEmpty {
            objects[namespaceKey] = nil
            publishDeletion(namespaceType, namespace)
            changed = true
        } else {
            try reportRemaining(remaining, in: namespace, namespaceType)
        }
        if changed { try persist() }
    }

    /// Writes the namespace's deletion conditions through its `status` subresource when they changed.
    private func reportRemaining(_ remaining: NamespaceDeletionStatus, in namespace: JSONValue, _ type: ResourceType)
        throws(KubeStatusError)
    {
        let status = namespace["status"] ?? [:]
        let updated = remaining.applied(to: status, at: ObjectRules.timestamp())
        guard updated != status else { return }
        var written = namespace
        written["status"] = updated
        _ = try replace(
            type, nil, namespace["metadata"]?["name"]?.stringValue ?? "", options: WriteOptions(),
            ownership: .update("kube-controller-manager", subresource: "status"), subresource: "status"
        ) { _ throws(KubeStatusError) in written }
    }
}
