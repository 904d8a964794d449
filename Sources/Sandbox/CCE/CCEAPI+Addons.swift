import Foundation
import JSON

/// `/api/v3/addons[/{id}]`, the cluster in `cluster_id` (query) or `spec.clusterID` (install body): add-ons
/// start `installing`, run after the transition delay, and answer 404 a delay after their delete.
extension CCEAPI {
    func addons(_ call: Call, _ rest: [String], now: Date, state: inout CCEState) -> CCEReply {
        switch (call.method, rest.first) {
        case ("GET", nil):
            guard let cluster = call.query["cluster_id"] else { return .badRequest("cluster_id is required.") }
            var items = state.children(state.addons, of: cluster).map(\.object)
            if let template = call.query["addon_template_name"] {
                items = items.filter { $0.value(at: ["spec", "addonTemplateName"])?.stringValue == template }
            }
            return .list(items, kind: "Addon")
        case ("POST", nil):
            return install(call, now: now, state: &state)
        case ("GET", let id?):
            return state.addons[id].map { .json(200, $0.object) } ?? .notFound
        case ("DELETE", let id?):
            guard var stored = state.addons[id], !stored.deleting else { return .notFound }
            stored.deleting = true
            stored.since = now
            stored.object["status"]?["status"] = "deleting"
            state.addons[id] = stored
            // The 2023 documentation shows a plain-text body; clients must accept it.
            return CCEReply(status: 200, body: Data("success".utf8), contentType: "text/plain")
        default:
            return .notFound
        }
    }

    private func install(_ call: Call, now: Date, state: inout CCEState) -> CCEReply {
        guard var addon = call.json,
            let template = addon.value(at: ["spec", "addonTemplateName"])?.stringValue,
            let cluster = addon.value(at: ["spec", "clusterID"])?.stringValue
        else { return .badRequest("Invalid request: spec.addonTemplateName and spec.clusterID are required.") }
        guard state.clusters[cluster] != nil else { return .notFound }
        if let refusal = AddonTemplates.refusal(addon) { return refusal }
        let installed = state.children(state.addons, of: cluster)
        if installed.contains(where: { $0.object.value(at: ["spec", "addonTemplateName"]) == .string(template) }) {
            return .error(409, "CCE.03409001", "Addon instance has installed.")
        }
        let id = state.newID("addon")
        addon["metadata"]?["uid"] = .string(id)
        addon["metadata"]?["name"] = .string(template)
        addon["metadata"]?["creationTimestamp"] = .string(ISO8601DateFormatter().string(from: now))
        if addon.value(at: ["spec", "version"]) == nil { addon["spec"]?["version"] = "1.0.0" }
        addon["spec"]?["addonTemplateType"] = "helm"
        addon["status"] = ["status": "installing", "Reason": "", "message": ""]
        state.addons[id] = CCEObject(object: addon, since: now)
        return .json(201, addon)
    }
}
