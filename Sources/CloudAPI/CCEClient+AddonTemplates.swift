import CCEModel
import Foundation

extension CCEClient {
    /// `GET /api/v3/addontemplates?addon_template_name=…&cluster_id=…`: the template, if CCE offers it.
    public func addonTemplate(named name: String, cluster: String) async throws -> CCEAddonTemplate? {
        let call = CCECall(
            method: .get, path: "/api/v3/addontemplates",
            query: [("addon_template_name", name), ("cluster_id", cluster)])
        return try await executor.decode(CCEList<CCEAddonTemplate>.self, call).items.first { $0.metadata.name == name }
    }

    /// `addon` as CCE takes it: the newest stable template version for the cluster's Kubernetes version (unless
    /// the add-on names one) with that version's values filled in — `basic`, the flavor ``Options/addonFlavor``
    /// names, and `custom` with the cluster and project IDs — under the values the add-on sets itself.
    func completed(_ addon: CCEAddon) async throws -> CCEAddon {
        let name = addon.spec.addonTemplateName
        let clusterID = try addon.clusterIDToSend()
        let clusterVersion = try await cluster(id: clusterID).spec.version ?? ""
        guard let template = try await addonTemplate(named: name, cluster: clusterID) else {
            throw CCEInputError("CCE offers no add-on template \(name) for cluster \(clusterID)")
        }
        let version = addon.spec.version.flatMap { wanted in template.spec.versions.first { $0.version == wanted } }
        guard let version = version ?? template.newestVersion(supporting: clusterVersion) else {
            throw CCEInputError(
                "no version of add-on template \(name) supports cluster \(clusterID)'s Kubernetes \(clusterVersion)")
        }
        var completed = addon
        completed.spec.version = version.version
        completed.spec.values = version.values(
            completing: addon.spec.values, clusterID: clusterID, projectID: projectID, flavor: options.addonFlavor)
        return completed
    }
}
