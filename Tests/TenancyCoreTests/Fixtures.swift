import Foundation
import TenancyCore

/// Paths to the files the tests read: fixtures beside the tests and the repository's examples.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func source(_ url: URL) throws -> SourceFile {
        SourceFile(path: url.path, bytes: [UInt8](try Data(contentsOf: url)))
    }

    /// A source made from text, for small inline cases.
    static func inline(_ text: String, path: String = "inline.yaml") -> SourceFile {
        SourceFile(path: path, bytes: Array(text.utf8))
    }

    static var inventory: SourceFile {
        get throws { try source(directory.appendingPathComponent("clusters.yaml")) }
    }

    static func yamlFiles(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
