import Foundation
import JSON

/// A kubeconfig for a running sandbox, in JSON (valid YAML, so kubectl and client libraries read it).
public enum SandboxKubeconfig {
    public static let contextName = "tenantctl-sandbox"

    public static func document(url: URL, token: String) -> JSONValue {
        let name = JSONValue.string(contextName)
        return [
            "apiVersion": "v1", "kind": "Config", "preferences": [:],
            "clusters": [["name": name, "cluster": ["server": .string(url.absoluteString)]]],
            "users": [["name": name, "user": ["token": .string(token)]]],
            "contexts": [["name": name, "context": ["cluster": name, "user": name]]],
            "current-context": name,
        ]
    }

    /// Writes the kubeconfig to `file` (owner-only permissions: it holds the token).
    public static func write(url: URL, token: String, to file: URL) throws {
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try document(url: url, token: token).jsonData(pretty: true).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }
}
