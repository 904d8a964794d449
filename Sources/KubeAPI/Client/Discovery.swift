/// Reads and caches the server's discovery documents for one client: which versions each group serves and
/// which resources each group version has. Concurrent callers share one fetch per document.
actor Discovery {
    private let executor: RequestExecutor
    private var groups: Task<[String: [String]], any Error>?
    private var resourceLists: [String: Task<[DiscoveryDocuments.APIResourceList.Resource], any Error>] = [:]

    init(executor: RequestExecutor) {
        self.executor = executor
    }

    /// The versions the server serves for `group` (empty string: the core group), preferred first;
    /// empty when it does not know the group.
    func servedVersions(group: String) async throws -> [String] {
        try await groupVersions()[group] ?? []
    }

    /// Maps a kind through the server's resource list for its group version.
    func mapping(apiVersion: String, kind: String) async throws -> ResourceMapping {
        let (group, version) = splitAPIVersion(apiVersion)
        let served = try await servedVersions(group: group)
        guard served.contains(version) else {
            throw ResourceMappingError(apiVersion: apiVersion, kind: kind, servedVersions: served)
        }
        let resources = try await resources(group: group, version: version)
        guard let mapping = resources.first(where: { $0.kind == kind }) else {
            throw ResourceMappingError(apiVersion: apiVersion, kind: kind, servedVersions: served)
        }
        return mapping
    }

    /// Every namespaced kind the server lets one list, at its group's preferred version: what a namespace can hold.
    func namespacedListable() async throws -> [ResourceMapping] {
        var kinds: [ResourceMapping] = []
        for (group, versions) in try await groupVersions().sorted(by: { $0.key < $1.key }) {
            guard let preferred = versions.first else { continue }
            kinds += try await resources(group: group, version: preferred, listableOnly: true).filter(\.namespaced)
        }
        return kinds
    }

    private func groupVersions() async throws -> [String: [String]] {
        if let groups { return try await cached(groups) { self.groups = nil } }
        let executor = self.executor
        let task = Task {
            let core = try await executor.get(DiscoveryDocuments.APIVersions.self, path: "/api")
            let list = try await executor.get(DiscoveryDocuments.APIGroupList.self, path: "/apis")
            var result = ["": core.versions]
            for group in list.groups {
                let preferred = group.preferredVersion?.version
                let others = group.versions.map(\.version).filter { $0 != preferred }
                result[group.name] = (preferred.map { [$0] } ?? []) + others
            }
            return result
        }
        groups = task
        return try await cached(task) { self.groups = nil }
    }

    /// A group version's kinds (subresources left out); with `listableOnly`, those whose verbs include `list`.
    private func resources(group: String, version: String, listableOnly: Bool = false) async throws -> [ResourceMapping]
    {
        let key = group.isEmpty ? version : "\(group)/\(version)"
        let task =
            resourceLists[key]
            ?? Task { [executor] in
                let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
                return try await executor.get(DiscoveryDocuments.APIResourceList.self, path: path).resources
                    .filter { !$0.name.contains("/") }
            }
        resourceLists[key] = task
        let resources = try await cached(task) { self.resourceLists[key] = nil }
        return resources.filter { !listableOnly || $0.verbs?.contains("list") == true }.map {
            ResourceMapping(group: group, version: version, resource: $0.name, kind: $0.kind, namespaced: $0.namespaced)
        }
    }

    /// Awaits a shared fetch; a failed one is forgotten so that the next caller tries again.
    private func cached<T: Sendable>(_ task: Task<T, any Error>, forget: () -> Void) async throws -> T {
        do {
            return try await task.value
        } catch {
            forget()
            throw error
        }
    }
}
