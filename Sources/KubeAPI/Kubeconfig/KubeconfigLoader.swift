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
        try Self.load(try files())
    }

    private static func load(_ files: [String]) throws(KubeconfigError) -> Kubeconfig {
        var configs: [Kubeconfig] = []
        for path in files { configs.append(try read(path)) }
        return Kubeconfig.merged(configs)
    }

    /// Resolves a context (`--context`, or the current context) of the merged kubeconfig. When the context is not
    /// there or not usable, the error names the files read.
    public func connection(context: String? = nil) throws(KubeconfigError) -> ClusterConnection {
        let files = try files()
        let config = try Self.load(files)
        do {
            return try config.connection(context: context)
        } catch {
            throw KubeconfigError(error.problem, filesRead: files)
        }
    }

    /// Reads one kubeconfig file, with its relative paths made absolute. An empty file is an empty config.
    public static func read(_ path: String) throws(KubeconfigError) -> Kubeconfig {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw KubeconfigError(.unreadable(path: path, reason: String(cString: strerror(errno))))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let what = info.st_mode & S_IFMT == S_IFDIR ? "it is a folder" : "it is not a regular file"
            throw KubeconfigError(.unreadable(path: path, reason: what))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeconfigError(.unreadable(path: path, reason: String(cString: strerror(errno))))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw KubeconfigError(.unreadable(path: path, reason: "it is not UTF-8 text (a binary file?)"))
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
