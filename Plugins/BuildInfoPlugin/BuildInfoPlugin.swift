import Foundation
import PackagePlugin

/// Compiles `BuildInfo.swift` into the target it is applied to: `scripts/build-info` writes it (the version, the
/// git commit and tree state, the build date, the compiler's version). A build command, not a prebuild command:
/// SwiftPM re-runs it whenever one of its inputs changes (a source file of the package, the git HEAD, its log or
/// the index: a commit, a checkout, staging), and only then, so an unchanged tree is not recompiled.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(path: "scripts/build-info")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        let swiftc = try? context.tool(named: "swiftc").url
        let sources = context.package.targets.compactMap { $0 as? SourceModuleTarget }.flatMap {
            $0.sourceFiles.map(\.url)
        }
        return [
            .buildCommand(
                displayName: "Writing BuildInfo.swift: the version, commit and build date",
                executable: URL(filePath: "/bin/sh"),
                arguments: [script.path, package.path, output.path, swiftc?.path ?? ""],
                inputFiles: [script, package.appending(path: "Package.swift")] + (swiftc.map { [$0] } ?? [])
                    + gitFiles(of: package) + sources,
                outputFiles: [output])
        ]
    }

    /// The files git rewrites on a commit, a checkout or staging: HEAD, its log and the index. In a worktree they
    /// are in the git directory that its `.git` file names.
    private func gitFiles(of package: URL) -> [URL] {
        let dotGit = package.appending(path: ".git")
        var gitDirectory = dotGit
        if let link = try? String(contentsOf: dotGit, encoding: .utf8), link.hasPrefix("gitdir:") {
            let path = link.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = URL(filePath: path, relativeTo: package)
        }
        return ["HEAD", "logs/HEAD", "index"].map { gitDirectory.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
