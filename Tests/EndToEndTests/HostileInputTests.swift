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

    /// A hostile playbook: the onboarding playbook with one `when:` replaced by `expression`.
    struct Playbook: Sendable, CustomTestStringConvertible {
        var name: String
        var expression: String
        var says: String
        var testDescription: String { name }
    }

    static let playbooks: [Playbook] = [
        Playbook(name: "5,000 nested parentheses", expression: String(repeating: "(", count: 5000) + "true" + String(repeating: ")", count: 5000), says: "expression nested deeper than 32 levels"),
        Playbook(name: "20,000 negations", expression: String(repeating: "!", count: 20_000) + "true", says: "expression nested deeper than 32 levels"),
        Playbook(name: "5,000 terms joined by &&", expression: Array(repeating: "true", count: 5000).joined(separator: " && "), says: "more than 64 operators in one expression"),
        Playbook(name: "5,000 indexes", expression: "'x'" + String(repeating: "[0]", count: 5000), says: "more than 64 operators in one expression"),
    ]

    /// Once a crash (SIGSEGV) of validate, render and plan; now an error at the expression's line and column.
    @Test(arguments: playbooks)
    func deepPlaybookExpressions(_ hostile: Playbook) throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        let onboarding = try String(contentsOf: Self.repository.appendingPathComponent("Playbooks/onboarding.yaml"), encoding: .utf8)
        let playbook = try folder.write(
            "playbook.yaml", onboarding.replacingOccurrences(of: "when: ${decision.runtimeClass != null}", with: "when: ${\(hostile.expression)}"))
        for command in ["render", "plan"] {
            var arguments = [command, "Tenants/acme.yaml", "--playbook", playbook]
            if command == "plan" { arguments.append("--offline") }
            let result = try cli.run(arguments)
            #expect(!result.crashed, "\(command) ended on signal \(result.status)")
            #expect(result.status == 1, "\(command): \(result.stderr.prefix(500))")
            let output = result.stdout + result.stderr
            #expect(output.contains("playbook.yaml:43:") && output.contains("spec.steps[4].when: \(hostile.says)"), "\(command): \(output.prefix(500))")
        }
    }

    /// A spec value that would forge an error line or send a terminal escape is shown escaped.
    @Test func controlCharactersInSpecValuesAreShownEscaped() throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        let spec = try folder.write(
            "t.yaml", "apiVersion: tenantctl.io/v1\nkind: Tenant\nmetadata:\n  name: \"acme\\nerror: fake \\u001b[31mred\"\nspec: {cluster: shared-prod}\n")
        let result = try cli.run(["validate", spec, "--inventory", "Tenants/clusters.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.contains(#""acme\nerror: fake \u{1B}[31mred" is not a valid DNS-1123 label"#), "\(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.split(separator: "\n").contains { $0.hasPrefix("error: fake") })
    }

    /// The safety review's repro: `plan --out /dev/full` turned the device into a regular file. A path that is not a
    /// regular file is refused, saying what it is, and left as it was.
    @Test(arguments: [("/dev/null", "a character device"), ("folder", "a folder"), ("link", "a symbolic link"), ("fifo", "a FIFO")])
    func planOutRefusesWhatIsNotARegularFile(target: String, kind: String) throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        let path = target.hasPrefix("/") ? target : folder.url.appendingPathComponent(target).path
        switch target {
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        case "link": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: folder.url.appendingPathComponent("elsewhere").path)
        case "fifo": #expect(mkfifo(path, 0o600) == 0)
        default: break
        }
        var before = stat()
        #expect(lstat(path, &before) == 0)
        let result = try cli.run(["plan", "--offline", "Tenants/acme.yaml", "--out", path])
        #expect(result.status == 1 && !result.crashed)
        #expect(result.stderr.contains("--out \(path) is \(kind), not a regular file"), "\(result.stderr)")
        var after = stat()
        #expect(lstat(path, &after) == 0 && after.st_mode == before.st_mode && after.st_ino == before.st_ino, "left as it was")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("elsewhere").path))
    }

    /// Inputs that are not regular files — a FIFO (once a hang), a link to itself, a folder named like a spec — are
    /// each reported at their place with why, and do not hide the other files' findings.
    @Test func specsThatAreNotRegularFilesAreEachReported() throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        #expect(mkfifo(folder.url.appendingPathComponent("fifo.yaml").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("loop.yaml").path, withDestinationPath: "loop.yaml")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        _ = try folder.write("bad.yaml", "apiVersion: tenantctl.io/v1\nkind: Tenant\nmetadata: {name: Bad}\nspec: {cluster: shared-prod}\n")
        let result = try cli.run(["validate", folder.url.path, "--inventory", "Tenants/clusters.yaml"])
        #expect(result.status == 1 && !result.crashed, "\(result.stderr)")
        for (file, why) in [("fifo.yaml", "it is a FIFO"), ("loop.yaml", "too many levels of symbolic links"), ("dir.yaml", "it is a folder")] {
            let path = folder.url.appendingPathComponent(file).path
            #expect(result.stdout.contains("\(path):1:1: error: cannot read \(path): \(why)"), "\(result.stdout)")
        }
        #expect(result.stdout.contains("bad.yaml:3:"), "the readable file's problem is reported too: \(result.stdout)")
    }
}
