import Foundation
import JSON
import KubeAPI

extension FakeCCE {
    /// `/api/v3/addons[/{id}]`, `cluster_id` in the query (or the install body).
    func addons(_ request: HTTPRequest, _ rest: [String], query: [String: String], state: inout State) -> HTTPResponse {
        let kind = Self.addonKind
        switch (request.method, rest.first) {
        case (.get, nil):
            guard let cluster = query["cluster_id"] else { return Self.badRequest("cluster_id is required.") }
            var items = children(kind, where: ["spec", "clusterID"], is: cluster, state: state)
            if let template = query["addon_template_name"] {
                items = items.filter { $0.value(at: ["spec", "addonTemplateName"])?.stringValue == template }
            }
            return Self.list(items, kind: "Addon")
        case (.post, nil):
            return install(request, state: &state)
        case (.get, let id?):
            return getChild(id, kind: kind, state: &state)
        case (.delete, let id?):
            guard deleteChild(id, kind: kind, state: &state) != nil else { return Self.notFound }
            // The 2023 documentation shows a plain-text body; clients must accept it.
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Data("success".utf8))
        default:
            return Self.notFound
        }
    }

    private func install(_ request: HTTPRequest, state: inout State) -> HTTPResponse {
        guard var addon = Self.body(of: request),
            let template = addon.value(at: ["spec", "addonTemplateName"])?.stringValue,
            let cluster = addon.value(at: ["spec", "clusterID"])?.stringValue
        else { return Self.badRequest("Invalid request: spec.addonTemplateName and spec.clusterID are required.") }
        guard state.clusters[cluster] != nil else { return Self.notFound }
        let installed = children(Self.addonKind, where: ["spec", "clusterID"], is: cluster, state: state)
        if installed.contains(where: { $0.value(at: ["spec", "addonTemplateName"]) == .string(template) }) {
            return Self.error(409, "CCE.03409001", "Addon instance has installed.")
        }
        addon["metadata"]?["name"] = .string(template)
        if addon.value(at: ["spec", "version"]) == nil { addon["spec"]?["version"] = "1.0.0" }
        addon["spec"]?["addonTemplateType"] = "helm"
        let created = insertChild(addon, id: state.newID("addon"), kind: Self.addonKind, state: &state)
        return .json(201, created)
    }

    /// `POST /v3/auth/tokens`: a password login for a known user gives a token in `X-Subject-Token`.
    func issueToken(_ request: HTTPRequest, state: inout State) -> HTTPResponse {
        let user = Self.body(of: request)?.value(at: ["auth", "identity", "password", "user"])
        guard let name = user?["name"]?.stringValue, let password = user?["password"]?.stringValue,
            configuration.users[name] == password
        else {
            return .json(
                401, ["error": ["code": 401, "title": "Unauthorized", "message": "The username or password is wrong."]])
        }
        let token = "fake-token-\(UUID().uuidString)"
        let expiry = configuration.now().addingTimeInterval(configuration.tokenLifetime)
        state.tokens[token] = expiry
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let body: JSONValue = [
            "token": ["expires_at": .string(formatter.string(from: expiry)), "methods": ["password"]]
        ]
        return .json(201, body, headers: [("X-Subject-Token", token)])
    }
}
