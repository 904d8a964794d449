import Foundation
import JSON

/// A kubeconfig for a running sandbox, in JSON (valid YAML, so kubectl and client libraries read it).
public enum SandboxKubeconfig {
    public static let contextName = "tenantctl-sandbox"

    /// The ``contextName`` context (current) and one context per name in `aliases`, all on the sandbox's
    /// API with its token, verifying its certificate against `certificateAuthority` (the sandbox's CA
    /// certificate, PEM, kept as `certificate-authority-data`); an alias equal to ``contextName`` or repeated is
    /// listed once.
    public static func document(
        url: URL, token: String, certificateAuthority: String, aliases: [String] = []
    ) -> JSONValue {
        let name = JSONValue.string(contextName)
        var seen: Set<String> = []
        let contexts: [JSONValue] = ([contextName] + aliases).filter { seen.insert($0).inserted }.map {
            ["name": .string($0), "context": ["cluster": name, "user": name]]
        }
        let cluster: JSONValue = [
            "server": .string(url.absoluteString),
            "certificate-authority-data": .string(Data(certificateAuthority.utf8).base64EncodedString()),
        ]
        return [
            "apiVersion": "v1", "kind": "Config", "preferences": [:],
            "clusters": [["name": name, "cluster": cluster]],
            "users": [["name": name, "user": ["token": .string(token)]]],
            "contexts": .array(contexts),
            "current-context": name,
        ]
    }

    /// Writes the kubeconfig to `file` (owner-only permissions: it holds the token).
    public static func write(
        url: URL, token: String, certificateAuthority: String, aliases: [String] = [], to file: URL
    ) throws {
        let document = document(url: url, token: token, certificateAuthority: certificateAuthority, aliases: aliases)
        try PrivateFile.write(document.jsonData(pretty: true), to: file)
    }
}
