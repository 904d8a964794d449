import Foundation
import JSON
import TestSupport
import Testing

/// `scripts/install --binary` into a temporary prefix and `--uninstall` from it. The suite's debug binary stands in
/// for the release build the script makes without `--binary` (a release build takes many minutes); the man pages
/// need the generate-manual that scripts/test builds beside it.
@Suite(.enabled(if: BuiltBinaries.generateManual != nil, BuiltBinaries.missingGenerateManual))
struct InstallTests {

    /// Every file and folder under `root`, relative, folders ending in `/`.
    static func tree(_ root: URL) -> Set<String> {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var entries: Set<String> = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            entries.insert(isDirectory.boolValue ? path + "/" : path)
        }
        return entries
    }

    /// `tenantctl` and every subcommand as generate-manual names their pages: `tenantctl.runs.show`.
    static func commandNames(_ command: JSONValue, parent: String? = nil) -> [String] {
        let name = [parent, command["commandName"]?.stringValue].compactMap { $0 }.joined(separator: ".")
        return [name] + (command["subcommands"]?.arrayValue ?? []).flatMap { commandNames($0, parent: name) }
    }

    func install(_ arguments: String...) throws -> String {
        try Tool.run(BuiltBinaries.repository.appendingPathComponent("scripts/install").path, arguments)
    }

    @Test func installsBinaryCompletionsAndAManPagePerCommandThenUninstallsExactlyThose() throws {
        let binary = try #require(BuiltBinaries.tenantctl)
        let prefix = try TemporaryDirectory(prefix: "install-prefix")
        defer { prefix.remove() }
        try prefix.write("bin/other", "not ours\n")
        try prefix.write("share/man/man1/other.1", "not ours\n")
        let before = Self.tree(prefix.url)

        try install("--prefix", prefix.path, "--binary", binary.path)

        let help = try JSONValue.parse(try Tool.run(binary.path, ["--experimental-dump-help"]))
        let pages = Self.commandNames(try #require(help["command"])).map { "share/man/man1/\($0).1" }
        #expect(
            pages.contains("share/man/man1/tenantctl.version.1")
                && pages.contains("share/man/man1/tenantctl.runs.show.1"))
        let files: Set<String> = [
            "bin/tenantctl", "share/bash-completion/completions/tenantctl", "share/zsh/site-functions/_tenantctl",
            "share/fish/vendor_completions.d/tenantctl.fish", "share/tenantctl/install-manifest",
        ]
        let folders: Set<String> = [
            "share/bash-completion/", "share/bash-completion/completions/", "share/zsh/", "share/zsh/site-functions/",
            "share/fish/", "share/fish/vendor_completions.d/", "share/tenantctl/",
        ]
        let installed = files.union(pages).union(folders)
        #expect(Self.tree(prefix.url) == before.union(installed))
        let manifest = try String(
            contentsOf: prefix.url.appendingPathComponent("share/tenantctl/install-manifest"), encoding: .utf8)
        #expect(Set(manifest.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }) == installed)

        let completions = prefix.url.appendingPathComponent("share")
        #expect(
            try String(contentsOf: completions.appendingPathComponent("zsh/site-functions/_tenantctl"), encoding: .utf8)
                .hasPrefix("#compdef tenantctl"))
        #expect(
            try String(
                contentsOf: completions.appendingPathComponent("bash-completion/completions/tenantctl"), encoding: .utf8
            ).contains("-F _tenantctl tenantctl"))
        #expect(
            try String(
                contentsOf: completions.appendingPathComponent("fish/vendor_completions.d/tenantctl.fish"),
                encoding: .utf8
            ).contains("complete -c 'tenantctl'"))
        let page = try String(
            contentsOf: completions.appendingPathComponent("man/man1/tenantctl.version.1"), encoding: .utf8)
        #expect(page.contains(".Dt TENANTCTL.VERSION 1") && page.contains(".Nm \"tenantctl version\""))

        let ours = try JSONValue.parse(try Tool.run(binary.path, ["version", "-o", "json"]))
        let theirs = try JSONValue.parse(try Tool.run(prefix.path + "/bin/tenantctl", ["version", "-o", "json"]))
        #expect(theirs["gitCommit"] == ours["gitCommit"] && theirs["version"] == ours["version"])

        // Installing again replaces the last install: the same files, listed once.
        try install("--prefix", prefix.path, "--binary", binary.path)
        #expect(Self.tree(prefix.url) == before.union(installed))

        #expect(
            try install("--uninstall", "--prefix", prefix.path).contains("removed \(files.count + pages.count) files"))
        #expect(Self.tree(prefix.url) == before)
        #expect(throws: Tool.Failure.self) { try install("--uninstall", "--prefix", prefix.path) }
    }

    @Test func refusesAManifestEntryOutsideThePrefix() throws {
        let prefix = try TemporaryDirectory(prefix: "install-prefix")
        defer { prefix.remove() }
        let outside = try TemporaryDirectory(prefix: "install-outside")
        defer { outside.remove() }
        let victim = try outside.write("keep", "x\n")
        try prefix.write("share/tenantctl/install-manifest", "bin/tenantctl\n../../\(victim)\n\(victim)\n")
        let failure = try #require(throws: Tool.Failure.self) { try install("--uninstall", "--prefix", prefix.path) }
        #expect(failure.stderr.contains("refusing manifest entry"))
        #expect(FileManager.default.fileExists(atPath: victim))
    }
}
