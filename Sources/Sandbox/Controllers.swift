import JSON

/// The asynchronous behaviour of kube-controller-manager that clients trip over, driven by store events:
/// a new namespace gets its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap (recreated when
/// deleted); a Terminating namespace is emptied and removed once the finalizers of what it holds are gone;
/// ResourceQuotas get `status.hard` and `status.used` (`QuotaUsage`).
struct Controllers: Sendable {
    let store: KubeStore
    let timings: ControllerTimings

    /// Runs until the store finishes its event streams or the task is cancelled (pending reactions are dropped).
    func run() async {
        let events = await store.events()
        await withDiscardingTaskGroup { group in
            for event in await existingObjects() { schedule(event, in: &group) }
            for await event in events { schedule(event, in: &group) }
            group.cancelAll()
        }
    }

    /// The state found at start-up, replayed as additions: namespaces left Terminating by a previous run
    /// are purged (or wait on the finalizers of what they hold), new ones completed, quotas refreshed.
    private func existingObjects() async -> [StoreEvent] {
        var events: [StoreEvent] = []
        for plural in ["namespaces", "resourcequotas"] {
            guard let type = Builtin.type(plural, store.catalog) else { continue }
            events += await store.list(type).map { StoreEvent(kind: .added, type: type, object: $0) }
        }
        return events
    }

    private func schedule(_ event: StoreEvent, in group: inout DiscardingTaskGroup) {
        let metadata = event.object["metadata"] ?? .null
        let name = metadata["name"]?.stringValue ?? ""
        let namespace = metadata["namespace"]?.stringValue ?? ""
        let store = store
        func after(_ delay: Duration, _ action: @escaping @Sendable () async -> Void) {
            group.addTask {
                guard (try? await Task.sleep(for: delay)) != nil else { return }
                await action()
            }
        }
        switch (event.type.groupResource.description, event.kind) {
        case ("namespaces", .deleted):
            return
        case ("namespaces", _):
            if metadata["deletionTimestamp"] != nil {
                after(timings.namespaceDeletion) { try? await store.purgeNamespace(name) }
            } else if event.kind == .added {
                after(timings.namespaceSetup) { await store.ensureNamespaceDefaults(name) }
            }
        case ("serviceaccounts", .deleted) where name == "default",
            ("configmaps", .deleted) where name == "kube-root-ca.crt":
            after(timings.namespaceSetup) { await store.ensureNamespaceDefaults(namespace) }
        case ("resourcequotas", .added), ("resourcequotas", .modified):
            after(timings.quotaStatus) { await store.refreshQuotaStatus(namespace: namespace, name: name) }
        default:
            break
        }
        if !namespace.isEmpty, event.kind != .added, metadata["deletionTimestamp"] != nil {
            // An object waiting on its finalizers changed or went: its namespace may be Terminating on it.
            after(timings.namespaceDeletion) { try? await store.purgeNamespace(namespace) }
        }
        // Pods (a phase, resources resized in place) and claims (an allocated size) count differently once changed.
        let resource = event.type.groupResource.resource
        if !namespace.isEmpty, resource != "resourcequotas",
            event.kind != .modified || resource == "pods" || resource == "persistentvolumeclaims"
        {
            after(timings.quotaStatus) { await store.refreshQuotaStatuses(in: namespace) }
        }
    }
}

extension KubeStore {
    func refreshQuotaStatuses(in namespace: String) {
        guard let quotas = Builtin.type("resourcequotas", catalog) else { return }
        for quota in list(quotas, namespace: namespace) {
            refreshQuotaStatus(namespace: namespace, name: quota["metadata"]?["name"]?.stringValue ?? "")
        }
    }
}
