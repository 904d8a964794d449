import Foundation
import JSON

/// Writes single-context kubeconfig files for tests: cluster `test-cluster`, user `test-user`, context `test`.
/// The file is JSON, which is YAML too.
public enum KubeconfigFixture {
    /// Writes `name` in `directory` and returns its path.
    /// - Parameters:
    ///   - cluster: extra `cluster` fields, e.g. `["certificate-authority-data": ...]`.
    ///   - user: the `user` fields, e.g. `["token": "abc"]` or `["exec": [...]]`.
    @discardableResult
    public static func write(
        in directory: TemporaryDirectory, name: String = "config", server: URL, cluster: JSONValue = [:],
        user: JSONValue = [:], namespace: String? = nil
    ) throws -> String {
        var clusterFields = cluster
        clusterFields["server"] = .string(server.absoluteString)
        var context: JSONValue = ["cluster": "test-cluster", "user": "test-user"]
        if let namespace { context["namespace"] = .string(namespace) }
        let config: JSONValue = [
            "apiVersion": "v1", "kind": "Config", "current-context": "test",
            "clusters": [["name": "test-cluster", "cluster": clusterFields]],
            "users": [["name": "test-user", "user": user]],
            "contexts": [["name": "test", "context": context]],
        ]
        return try directory.write(name, config.jsonString(pretty: true))
    }

    /// Base64 of a file's bytes, for `*-data` fields.
    public static func base64(ofFile path: String) throws -> String {
        try Data(contentsOf: URL(fileURLWithPath: path)).base64EncodedString()
    }
}
