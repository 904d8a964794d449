import Foundation
import TestSupport
import Testing

/// `scripts/build-info`, which writes the version, commit and tree state the build compiles into tenantctl, run on
/// scratch git repositories: untagged, tagged, past a tag, with changes, and outside any clone.
@Suite(.enabled(if: (try? Tool.run("git", ["--version"])) != nil, "git is not installed"))
struct BuildInfoScriptTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/build-info")

    /// The `static let NAME: String = "VALUE"` constants the script writes for `directory`.
    func buildInfo(_ directory: URL, swiftc: String = "", environment: [String: String] = [:]) throws -> [String:
        String]
    {
        let source = try Tool.run(
            "/bin/sh", [Self.script.path, directory.path, "-", swiftc],
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        var constants: [String: String] = [:]
        for match in source.matches(of: /static let (\w+): String = "([^"]*)"/) {
            constants[String(match.1)] = String(match.2)
        }
        return constants
    }

    /// A new repository with one commit in a fresh temporary directory.
    func repository() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "build-info")
        try git(directory, "init", "-q")
        try commit(directory)
        return directory
    }

    @discardableResult
    func git(_ directory: TemporaryDirectory, _ arguments: String...) throws -> String {
        try Tool.run("git", ["-C", directory.path, "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func commit(_ directory: TemporaryDirectory) throws {
        try git(directory, "commit", "-q", "--allow-empty", "-m", "a commit")
    }

    @Test func untaggedIsADevVersionCountingCommits() throws {
        let directory = try repository()
        defer { directory.remove() }
        try commit(directory)
        let info = try buildInfo(directory.url)
        let head = try git(directory, "rev-parse", "HEAD")
        #expect(info["version"] == "0.0.0-dev+2.g\(head.prefix(7))")
        #expect(info["gitCommit"] == head)
        #expect(info["gitTreeState"] == "clean")
    }

    @Test func aNewOrChangedFileMakesTheTreeDirty() throws {
        let directory = try repository()
        defer { directory.remove() }
        try directory.write("new.swift", "let x = 1\n")
        #expect(try buildInfo(directory.url)["gitTreeState"] == "dirty")
    }

    @Test func aTagIsTheVersionAndCommitsPastItAreCounted() throws {
        let directory = try repository()
        defer { directory.remove() }
        try git(directory, "tag", "v1.2.0")
        #expect(try buildInfo(directory.url)["version"] == "1.2.0")
        try commit(directory)
        try commit(directory)
        let head = try git(directory, "rev-parse", "--short=7", "HEAD")
        #expect(try buildInfo(directory.url)["version"] == "1.2.0+2.g\(head)")
    }

    @Test func outsideAGitCloneEverythingIsUnknown() throws {
        let plain = try TemporaryDirectory(prefix: "build-info")
        defer { plain.remove() }
        let info = try buildInfo(plain.url)
        #expect(info["version"] == "0.0.0-dev")
        #expect(info["gitCommit"] == "unknown")
        #expect(info["gitTreeState"] == "unknown")
        #expect(info["swiftVersion"] == "unknown")
    }

    @Test func aFolderInsideAnotherCloneDoesNotBorrowItsCommit() throws {
        let directory = try repository()
        defer { directory.remove() }
        let nested = directory.url.appendingPathComponent("vendor/tenantctl")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        #expect(try buildInfo(nested)["gitCommit"] == "unknown")
    }

    @Test func theDateIsSourceDateEpochWhenSetAndTheCompilerNamesItsVersion() throws {
        let directory = try repository()
        defer { directory.remove() }
        let swiftc = try directory.write(
            "swiftc", "#!/bin/sh\necho 'Swift version 9.9.1 (swift-9.9.1-RELEASE)'\necho 'Target: x'\n",
            executable: true)
        let info = try buildInfo(directory.url, swiftc: swiftc, environment: ["SOURCE_DATE_EPOCH": "86400"])
        #expect(info["buildDate"] == "1970-01-02T00:00:00Z")
        #expect(info["swiftVersion"] == "9.9.1 (swift-9.9.1-RELEASE)")
    }
}
