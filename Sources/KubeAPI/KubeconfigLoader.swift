import Foundation
import YAML

/// Finds and reads kubeconfig files as kubectl does: `--kubeconfig` alone when given (it must exist); else
/// every file in `KUBECONFIG` (colon-separated, missing files skipped) merged in order; else `~/.kube/config`
/// if it exists. Relative paths inside each file are resolved against that file's directory.
public struct KubeconfigLoader: Sendable {
    /// `--kubeconfig`.
    public var explicitPath: String?
    public var environment: [String: String]

    public init(explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.explicitPath = explicitPath
        self.environment = environment
    }

    /// The files to read, first (winning) first.
    public func files() throws(KubeconfigError) -> [String] {
        let files = FileManager.default
        if let explicitPath, !explicitPath.isEmpty {
            guard files.fileExists(atPath: explicitPath) else {
                throw KubeconfigError(.fileNotFound(path: explicitPath))
            }
            return [explicitPath]
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":").map(String.init).filter { path in
                seen.insert(path).inserted && files.fileExists(atPath: path)
            }
        }
        guard let home = environment["HOME"], !home.isEmpty else { return [] }
        let path = URL(fileURLWithPath: home).appendingPathComponent(".kube/config").path
        return files.fileExists(atPath: path) ? [path] : []
    }

    /// The merged kubeconfig; empty when there are no files.
    public func load() throws(KubeconfigError) -> Kubeconfig {
        var configs: [Kubeconfig] = []
        for path in try files() { configs.append(try Self.read(path)) }
        return Kubeconfig.merged(configs)
    }

    /// Resolves a context (`--context`, or the current context) of the merged kubeconfig.
    public func connection(context: String? = nil) throws(KubeconfigError) -> ClusterConnection {
        try load().connection(context: context)
    }

    /// Reads one kubeconfig file, with its relative paths made absolute. An empty file is an empty config.
    public static func read(_ path: String) throws(KubeconfigError) -> Kubeconfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KubeconfigError(.unreadable(path: path, reason: (error as NSError).localizedDescription))
        }
        let config: Kubeconfig
        do {
            let documents = try YAMLParser.parse(text, file: path)
            guard let document = documents.first else { return Kubeconfig() }
            config = try YAMLDecoder().decode(Kubeconfig.self, from: document, file: path)
        } catch {
            throw KubeconfigError(.invalid(path: path, detail: "\(error)"))
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return config.resolvingPaths(against: directory)
    }
}
