import Foundation
import Testing

/// The README's layout table and `Package.swift` describe the targets in the same words: a target added,
/// removed or redescribed in one and not the other fails here.
@Suite struct LayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Each target's name and the comment above it in `Package.swift`, its lines joined.
    static func packageTargets() throws -> [String: String] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let declaration =
            /((?:[ \t]*\/\/[^\n]*\n)+)[ \t]*\.(?:target|systemLibrary|executableTarget|plugin)\(\s*name:\s*"(\w+)"/
        var targets: [String: String] = [:]
        for match in manifest.matches(of: declaration) {
            let comment = match.1.split(separator: "\n").map {
                $0.trimmingCharacters(in: .whitespaces).dropFirst(2).trimmingCharacters(in: .whitespaces)
            }
            targets[String(match.2)] = comment.joined(separator: " ")
        }
        return targets
    }

    /// Each row of the README's target table: the name in backticks and its description.
    static func readmeTargets() throws -> [String: String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let row = /^\| `(\w+)` \| (.+) \|$/.anchorsMatchLineEndings()
        return Dictionary(
            readme.matches(of: row).map { (String($0.1), String($0.2)) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func everyTargetHasOneCommentAndTheReadmeSaysTheSame() throws {
        let package = try Self.packageTargets()
        let readme = try Self.readmeTargets()
        #expect(package.count >= 15, "found \(package.keys.sorted()) in Package.swift")
        #expect(
            Set(package.keys) == Set(readme.keys),
            "only in Package.swift: \(Set(package.keys).subtracting(readme.keys).sorted()); only in README: \(Set(readme.keys).subtracting(package.keys).sorted())"
        )
        for (name, comment) in package.sorted(by: { $0.key < $1.key }) {
            #expect(readme[name] == comment, "\(name): README says \(readme[name] ?? "nothing")")
        }
    }

    @Test func everySourceFolderIsATarget() throws {
        let folders = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("Sources").path)
        #expect(Set(folders) == Set(try Self.packageTargets().keys).subtracting(["BuildInfoPlugin"]))
    }

    /// The folders inside TenancyCore, KubeAPI and Engine are each named in the README's layout section.
    @Test func everyFolderInsideTheLayeredTargetsIsNamedInTheReadme() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let layout = try #require(readme.range(of: "## Layout")).upperBound
        for target in ["TenancyCore", "KubeAPI", "Engine"] {
            let url = Self.root.appendingPathComponent("Sources").appendingPathComponent(target)
            for folder in try FileManager.default.contentsOfDirectory(atPath: url.path)
            where !folder.hasSuffix(".swift") {
                #expect(
                    readme[layout...].contains("`\(folder)`"),
                    "Sources/\(target)/\(folder) is not in the README's layout")
            }
        }
    }
}
