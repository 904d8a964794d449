import JSON

/// The writes the emulated controllers make, kept inside the store so each is atomic.
extension KubeStore {
    static let systemNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"]

    /// Creates `object` unless it exists or its namespace no longer accepts it: what a controller does.
    func createIfAbsent(_ object: JSONValue, as type: ResourceType, namespace: String?, manager: String) {
        _ = try? create(object, as: type, namespace: namespace, options: WriteOptions(fieldManager: manager))
    }

    /// The namespace's `default` ServiceAccount and `kube-root-ca.crt` ConfigMap, as the service-account and
    /// root-CA publisher controllers create them.
    func ensureNamespaceDefaults(_ namespace: String) {
        guard let namespaceObject = object(Builtin.namespace(catalog), namespace: nil, name: namespace),
            namespaceObject["metadata"]?["deletionTimestamp"] == nil
        else { return }
        if let serviceAccounts = Builtin.type("serviceaccounts", catalog) {
            createIfAbsent(
                ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "default"]], as: serviceAccounts,
                namespace: namespace, manager: "kube-controller-manager")
        }
        if let configMaps = Builtin.type("configmaps", catalog) {
            createIfAbsent(
                [
                    "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": [
                        "name": "kube-root-ca.crt",
                        "annotations": ["kubernetes.io/description": .string(Self.rootCADescription)],
                    ],
                    "data": ["ca.crt": .string(Self.sandboxCA)],
                ], as: configMaps, namespace: namespace, manager: "kube-controller-manager")
        }
    }

    /// Fills a ResourceQuota's `status.hard` (its `spec.hard`) and `status.used` as the quota controller does
    /// (`QuotaUsage`).
    func refreshQuotaStatus(namespace: String, name: String) {
        guard let quotas = Builtin.type("resourcequotas", catalog),
            let quota = object(quotas, namespace: namespace, name: name)
        else { return }
        let hard = quota["spec"]?["hard"]?.objectValue ?? [:]
        let usage = quotaUsage(in: namespace, counting: hard.keys)
        var used: [String: JSONValue] = [:]
        for resource in hard.keys { used[resource] = .string(usage.used(resource)) }
        var status = quota["status"] ?? .object([:])
        status["hard"] = .object(hard)
        status["used"] = .object(used)
        var updated = quota
        updated["status"] = status
        _ = try? replace(
            quotas, namespace, name, options: WriteOptions(),
            ownership: .update("kube-controller-manager", subresource: "status"), subresource: "status"
        ) { _ throws(KubeStatusError) in updated }
    }

    /// What `namespace` holds that quotas count, for the resource names `keys`.
    func quotaUsage(in namespace: String, counting keys: some Collection<String>) -> QuotaUsage {
        var counts: [GroupResource: Int] = [:]
        for counted in keys.compactMap(QuotaUsage.counted) {
            counts[counted] = objects.keys.filter { $0.resource == counted && $0.namespace == namespace }.count
        }
        return QuotaUsage(
            pods: Builtin.type("pods", catalog).map { list($0, namespace: namespace) } ?? [],
            claims: Builtin.type("persistentvolumeclaims", catalog).map { list($0, namespace: namespace) } ?? [],
            counts: counts)
    }

    /// The namespaces and nodes a fresh cluster has. Existing objects are left alone.
    func seedCluster(nodes: [String], kubeletVersion: String) {
        let namespaces = Builtin.namespace(catalog)
        for name in Self.systemNamespaces {
            createIfAbsent(
                ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]], as: namespaces,
                namespace: nil, manager: "kube-apiserver")
        }
        guard let nodeType = Builtin.type("nodes", catalog) else { return }
        for name in nodes {
            createIfAbsent(
                [
                    "apiVersion": "v1", "kind": "Node",
                    "metadata": [
                        "name": .string(name),
                        "labels": ["kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux"],
                    ],
                ], as: nodeType, namespace: nil, manager: "kubelet")
            if var node = object(nodeType, namespace: nil, name: name), node["status"]?["nodeInfo"] == nil {
                node["status"] = [
                    "nodeInfo": ["kubeletVersion": .string(kubeletVersion), "operatingSystem": "linux"],
                    "conditions": [["type": "Ready", "status": "True", "reason": "KubeletReady"]],
                ]
                _ = try? replace(
                    nodeType, nil, name, options: WriteOptions(), ownership: .update("kubelet", subresource: "status"),
                    subresource: "status"
                ) { _ throws(KubeStatusError) in node }
            }
        }
    }

    static let rootCADescription =
        "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as "
        + "the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions "
        + "of Kubernetes clusters."
    /// A placeholder bundle: the sandbox serves plain HTTP, so nothing verifies against it.
    static let sandboxCA = "-----BEGIN CERTIFICATE-----\nc2FuZGJveA==\n-----END CERTIFICATE-----\n"
}

/// Lookups of the built-in types the controllers write.
enum Builtin {
    static func type(_ plural: String, _ catalog: ResourceCatalog) -> ResourceType? {
        catalog.type(for: GroupResource(group: "", resource: plural))
    }

    static func namespace(_ catalog: ResourceCatalog) -> ResourceType {
        type("namespaces", catalog)
            ?? ResourceType(group: "", version: "v1", kind: "Namespace", plural: "namespaces", scope: .cluster)
    }
}
