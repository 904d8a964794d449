import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl version` and `--version`, driven through the real binary. The binary must have been built from this
/// checkout's HEAD (scripts/test builds it first): the commit it names is compared with git's.
@Suite struct VersionCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: Self.repository) }

    /// What `git` says of this checkout, or nil outside a git clone (a source archive).
    static var head: String? {
        (try? Tool.run("git", ["-C", repository.path, "rev-parse", "HEAD"]))?.trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    @Test func jsonNamesTheCommitTheTreeStateAndTheDate() throws {
        let result = try cli.run(["version", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue.parse(result.stdout)
        let commit = try #require(json["gitCommit"]?.stringValue)
        let version = try #require(json["version"]?.stringValue)
        if let head = Self.head {
            #expect(commit == head)
            #expect(["clean", "dirty"].contains(json["gitTreeState"]?.stringValue))
            // 0.0.0-dev+N.gHASH before the first tag, X.Y.Z on one, X.Y.Z+N.gHASH past it.
            #expect(
                version.wholeMatch(of: /\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?(\+\d+\.g[0-9a-f]{7,})?/) != nil, "\(version)")
            if version.contains("+") { #expect(version.hasSuffix(".g" + head.prefix(7))) }
        } else {
            #expect(commit == "unknown")
            #expect(version == "0.0.0-dev")
        }
        let date = try #require(json["buildDate"]?.stringValue)
        let built = try #require(ISO8601DateFormatter().date(from: date), "\(date)")
        #expect(built <= Date())
    }

    @Test func namesTheCompilerAndTheLibrariesItRunsWith() throws {
        let json = try JSONValue.parse(try cli.run(["version", "-o", "json"]).stdout)
        let swift = try #require(json["swiftVersion"]?.stringValue)
        #expect(try Tool.run("swiftc", ["--version"]).contains("Swift version \(swift)"))
        // Debian's -dev package and its library come from one source package, at one version.
        let curl = try Tool.run("pkg-config", ["--modversion", "libcurl"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let yaml = try Tool.run("pkg-config", ["--modversion", "yaml-0.1"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(json["libcurl"]?.stringValue == curl)
        #expect(json["libyaml"]?.stringValue == yaml)
    }

    @Test func textStartsWithTheVersionAndMatchesTheJSON() throws {
        let text = try cli.run(["version"])
        #expect(text.status == 0)
        let json = try JSONValue.parse(try cli.run(["version", "-o", "json"]).stdout)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "tenantctl \(json["version"]?.stringValue ?? "?")")
        let commit = json["gitCommit"]?.stringValue ?? "?", tree = json["gitTreeState"]?.stringValue ?? "?"
        #expect(lines.contains("commit:  \(commit) (\(tree) tree)"))
        #expect(lines.contains("libyaml: \(json["libyaml"]?.stringValue ?? "?")"))
        #expect(lines.contains { $0.hasPrefix("libcurl: \(json["libcurl"]?.stringValue ?? "?")") })
    }

    @Test func versionFlagPrintsTheSame() throws {
        let flag = try cli.run(["--version"])
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(flag.stdout == (try cli.run(["version"])).stdout)
    }

    @Test func markdownIsAUsageError() throws {
        let result = try cli.run(["version", "-o", "markdown"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("text or json"))
    }
}
