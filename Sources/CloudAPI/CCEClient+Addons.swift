import CCEModel
import Foundation

extension CCEClient {
    /// `GET /api/v3/addons?cluster_id=…`: the add-ons installed on a cluster.
    public func addons(cluster: String) async throws -> [CCEAddon] {
        let call = CCECall(method: .get, path: "/api/v3/addons", query: [("cluster_id", cluster)])
        return try await executor.decode(CCEList<CCEAddon>.self, call).items
    }

    /// The cluster's instance of an add-on template (e.g. `web-terminal`), if installed.
    public func findAddon(templateName: String, cluster: String) async throws -> CCEAddon? {
        let call = CCECall(
            method: .get, path: "/api/v3/addons",
            query: [("addon_template_name", templateName), ("cluster_id", cluster)])
        return try await executor.decode(CCEList<CCEAddon>.self, call).items
            .first { $0.spec.addonTemplateName == templateName && $0.spec.clusterID == cluster }
    }

    /// `POST /api/v3/addons` (201), completed from the add-on's template first (see `completed`): CCE refuses an
    /// autoscaler without the template's `basic` and `flavor` values and the cluster and project IDs. Not retried
    /// after a lost response or a 5xx: use `ensureAddon`.
    public func installAddon(_ addon: CCEAddon) async throws -> CCEAddon {
        let body = try Self.json(try await completed(addon))
        let call = CCECall(method: .post, path: "/api/v3/addons", body: body, idempotent: false)
        return try await executor.decode(CCEAddon.self, call)
    }

    /// `GET /api/v3/addons/{id}?cluster_id=…`.
    public func addon(id: String, cluster: String) async throws -> CCEAddon {
        let call = CCECall(method: .get, path: "/api/v3/addons/\(id)", query: [("cluster_id", cluster)])
        return try await executor.decode(CCEAddon.self, call)
    }

    /// `DELETE /api/v3/addons/{id}?cluster_id=…`; the body (an add-on, or the text `success`) is ignored.
    public func deleteAddon(id: String, cluster: String) async throws {
        _ = try await executor.send(
            CCECall(method: .delete, path: "/api/v3/addons/\(id)", query: [("cluster_id", cluster)]))
    }

    /// Polls the add-on until it runs (`running` or `available`); fails on a failed state or the timeout.
    public func waitForAddon(id: String, cluster: String, polling: PollingOptions? = nil) async throws -> CCEAddon {
        try await poll("add-on \(id) to be running", polling: polling) {
            let addon = try await self.addon(id: id, cluster: cluster)
            let state = addon.status?.status ?? "unknown"
            if addon.isReady { return .done(addon) }
            if addon.hasFailed { return .failed(state: state, message: addon.status?.message ?? addon.status?.reason) }
            return .pending(state: state)
        }
    }

    /// Polls until `GET` of the add-on answers 404; fails when it reads `deleteFailed`.
    public func waitForAddonDeletion(id: String, cluster: String, polling: PollingOptions? = nil) async throws {
        try await waitUntilGone("add-on \(id) to be deleted", polling: polling, failures: ["deleteFailed"]) {
            let status = try await self.addon(id: id, cluster: cluster).status
            return (status?.status, status?.message ?? status?.reason)
        }
    }

    /// Uninstalls the cluster's instance of a template (e.g. the Web Terminal, `web-terminal`) and waits
    /// until it is gone. Returns false, doing nothing, when it is not installed.
    @discardableResult
    public func removeAddon(templateName: String, cluster: String, polling: PollingOptions? = nil) async throws
        -> Bool
    {
        guard let addon = try await findAddon(templateName: templateName, cluster: cluster), let id = addon.id else {
            log(.info, "add-on \(templateName) is not installed on cluster \(cluster); nothing to remove")
            return false
        }
        do {
            try await deleteAddon(id: id, cluster: cluster)
        } catch let error as CCEError where error.isNotFound {
            return true
        }
        try await waitForAddonDeletion(id: id, cluster: cluster, polling: polling)
        log(.info, "removed add-on \(templateName) (\(id)) from cluster \(cluster)")
        return true
    }
}
