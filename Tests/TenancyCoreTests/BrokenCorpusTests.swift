import Foundation
import TenancyCore
import Testing

/// Every file under Fixtures/broken must yield exactly the errors listed for it in Fixtures/broken.expect,
/// each at its line:column and field path — and nothing may crash.
@Suite struct BrokenCorpusTests {
    struct Expectation: CustomStringConvertible {
        let line: Int, column: Int, path: String, message: String
        var description: String { "\(line):\(column) \(path) | \(message)" }
    }

    static let folder = Fixtures.directory.appendingPathComponent("broken")

    /// `FILE LINE:COL PATH | message substring` per line; `-` for an empty path.
    static func expectations() throws -> [String: [Expectation]] {
        let text = try String(contentsOf: Fixtures.directory.appendingPathComponent("broken.expect"), encoding: .utf8)
        var result: [String: [Expectation]] = [:]
        for line in text.split(separator: "\n")
        where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let halves = line.split(separator: "|", maxSplits: 1)
            let head = halves[0].split(separator: " ")
            let position = head[1].split(separator: ":")
            let expectation = Expectation(
                line: Int(position[0]) ?? -1, column: Int(position[1]) ?? -1,
                path: head[2] == "-" ? "" : String(head[2]),
                message: halves.count > 1 ? halves[1].trimmingCharacters(in: .whitespaces) : "")
            result[String(head[0]), default: []].append(expectation)
        }
        return result
    }

    static var files: [String] {
        (try? Fixtures.yamlFiles(in: folder).map(\.lastPathComponent)) ?? []
    }

    @Test func corpusIsLargeAndFullyAnnotated() throws {
        let expected = try Self.expectations()
        #expect(Self.files.count >= 30)
        #expect(
            Set(Self.files) == Set(expected.keys), "every broken file needs expectations, and every expectation a file")
    }

    @Test(arguments: files)
    func yieldsExactlyTheExpectedErrors(file: String) throws {
        let expected = try Self.expectations()[file] ?? []
        let url = Self.folder.appendingPathComponent(file)
        let workspace = WorkspaceLoader.load([try Fixtures.source(url), try Fixtures.inventory])
        let errors = workspace.diagnostics.filter { $0.severity == .error && $0.file == url.path }
        for expectation in expected {
            let match = errors.contains {
                $0.line == expectation.line && $0.column == expectation.column && $0.path == expectation.path
                    && $0.message.contains(expectation.message)
            }
            #expect(
                match, "\(file): expected \(expectation); got:\n\(errors.map(\.description).joined(separator: "\n"))")
        }
        #expect(
            errors.count == expected.count,
            "\(file): \(errors.count) errors, expected \(expected.count):\n\(errors.map(\.description).joined(separator: "\n"))"
        )
    }
}
