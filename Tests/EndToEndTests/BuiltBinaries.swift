import Foundation
import TestSupport
import Testing

/// The binaries the suite built, which the install and package tests lay out as scripts/install and
/// scripts/package do: tenantctl, and ArgumentParser's generate-manual beside it (scripts/test builds it).
enum BuiltBinaries {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var tenantctl: URL? { try? CommandRunner(workingDirectory: repository).executable }
    static var generateManual: URL? {
        guard let tool = tenantctl?.deletingLastPathComponent().appendingPathComponent("generate-manual") else {
            return nil
        }
        return FileManager.default.isExecutableFile(atPath: tool.path) ? tool : nil
    }
    static let missingGenerateManual: Comment =
        "no generate-manual beside tenantctl: swift build --product generate-manual"
}
