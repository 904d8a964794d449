import Foundation
import TestSupport
import Testing

/// The hostile-input corpus: option values, names and files (under `Hostile/`) that once crashed tenantctl, hung
/// it, wrote somewhere they should not, or gave an unclear error. Each must end with a clear error at its place,
/// by exiting (never a signal), within a bounded time, and write nothing.
@Suite struct HostileInputTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Hostile")

    /// A command line, the exit status it must end with, and what its error must say.
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        var says: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let options: [Case] = [
        Case(arguments: ["resume", "r1", "--lock-timeout", "inf"], status: 2, says: "--lock-timeout must be a number of seconds from 0 to 86400, not inf"),
        Case(arguments: ["resume", "r1", "--lock-timeout", "nan"], status: 2, says: "--lock-timeout must be a number of seconds from 0 to 86400, not nan"),
        Case(arguments: ["resume", "r1", "--lock-timeout", "1e308"], status: 2, says: "from 0 to 86400"),
        Case(arguments: ["rollback", "r1", "--deletion-timeout", "1e308"], status: 2, says: "--deletion-timeout must be a number of seconds above 0"),
        Case(arguments: ["apply", "--concurrency", "0"], status: 2, says: "--concurrency must be between 1 and 64"),
        Case(arguments: ["apply", "--parallel", "100000"], status: 2, says: "--parallel must be between 1 and 256"),
        Case(arguments: ["plan", "--request-timeout", "-5s"], status: 2, says: "--request-timeout"),
        Case(arguments: ["plan", "--request-timeout", "9999999h"], status: 2, says: "--request-timeout"),
        Case(arguments: ["offboard", "acme,tenantctl.io/tenant", "--confirm", "acme,tenantctl.io/tenant", "--cluster", "shared-prod"], status: 2, says: "is not a valid DNS-1123 label"),
        Case(arguments: ["offboard", "", "--cluster", "shared-prod"], status: 2, says: "the tenant's name must not be empty"),
        Case(arguments: ["offboard", "../../etc/x", "--cluster", "shared-prod"], status: 2, says: "is not a valid DNS-1123 label"),
    ]

    @Test(arguments: options)
    func optionValuesAndNames(_ hostile: Case) throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let takesState = ["apply", "resume", "rollback", "offboard"].contains(hostile.arguments[0])
        let result = try cli.run(hostile.arguments + (takesState ? ["--state-dir", state.path] : []))
        #expect(!result.crashed, "ended on signal \(result.status): \(result.stderr)")
        #expect(result.status == hostile.status, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains(hostile.says), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state.path), "nothing is written")
    }
}
