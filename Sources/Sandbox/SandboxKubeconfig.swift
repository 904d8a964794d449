import Foundation
import JSON

/// A kubeconfig for a running sandbox, in JSON (valid YAML, so kubectl and client libraries read it).
public enum SandboxKubeconfig {
    public static let contextName = "tenantctl-sandbox"

    /// The ``contextName`` context (current) and one context per name in `aliases`, all on the sandbox's
    /// API with its token; an alias equal to ``contextName`` or repeated is listed once.
    public static func document(url: URL, token: String, aliases: [String] = []) -> JSONValue {
        let name = JSONValue.string(contextName)
        var seen: Set<String> = []
        let contexts: [JSONValue] = ([contextName] + aliases).filter { seen.insert($0).inserted }.map {
            ["name": .string($0), "context": ["cluster": name, "user": name]]
        }
        return [
            "apiVersion": "v1", "kind": "Config", "preferences": [:],
            "clusters": [["name": name, "cluster": ["server": .string(url.absoluteString)]]],
            "users": [["name": name, "user": ["token": .string(token)]]],
            "contexts": .array(contexts),
            "current-context": name,
        ]
    }

    /// Writes the kubeconfig to `file` (owner-only permissions: it holds the token).
    public static func write(url: URL, token: String, aliases: [String] = [], to file: URL) throws {
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try document(url: url, token: token, aliases: aliases).jsonData(pretty: true).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }
}
