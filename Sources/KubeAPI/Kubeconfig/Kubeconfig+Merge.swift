import Foundation

extension Kubeconfig {
    /// Merges kubeconfigs in `KUBECONFIG` order, as kubectl does: the first file to define a cluster, user or
    /// context name wins that name whole, and `current-context` comes from the first file that sets it.
    public static func merged(_ configs: [Kubeconfig]) -> Kubeconfig {
        var result = Kubeconfig()
        for config in configs {
            result.clusters += config.clusters.filter { entry in !result.clusters.contains { $0.name == entry.name } }
            result.users += config.users.filter { entry in !result.users.contains { $0.name == entry.name } }
            result.contexts += config.contexts.filter { entry in !result.contexts.contains { $0.name == entry.name } }
            if result.currentContext?.isEmpty ?? true { result.currentContext = config.currentContext }
        }
        return result
    }

    /// Makes relative file references absolute against `directory` (the kubeconfig file's own), as kubectl
    /// does before merging: CA, client certificate and key, token file, and an exec command that names a path.
    public func resolvingPaths(against directory: String) -> Kubeconfig {
        func resolve(_ path: String?) -> String? {
            guard let path, !path.isEmpty, !path.hasPrefix("/") else { return path }
            return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
        }
        var copy = self
        for index in copy.clusters.indices {
            copy.clusters[index].cluster.certificateAuthority = resolve(
                copy.clusters[index].cluster.certificateAuthority)
        }
        for index in copy.users.indices {
            copy.users[index].user.clientCertificate = resolve(copy.users[index].user.clientCertificate)
            copy.users[index].user.clientKey = resolve(copy.users[index].user.clientKey)
            copy.users[index].user.tokenFile = resolve(copy.users[index].user.tokenFile)
            if let command = copy.users[index].user.exec?.command, command.contains("/") {
                copy.users[index].user.exec?.command = resolve(command) ?? command
            }
        }
        return copy
    }
}
