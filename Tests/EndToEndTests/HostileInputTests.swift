import Foundation
import JSON
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
        Case(
            arguments: ["resume", "r1", "--lock-timeout", "inf"], status: 2,
            says: "--lock-timeout must be a number of seconds from 0 to 86400, not inf"),
        Case(
            arguments: ["resume", "r1", "--lock-timeout", "nan"], status: 2,
            says: "--lock-timeout must be a number of seconds from 0 to 86400, not nan"),
        Case(arguments: ["resume", "r1", "--lock-timeout", "1e308"], status: 2, says: "from 0 to 86400"),
        Case(
            arguments: ["rollback", "r1", "--deletion-timeout", "1e308"], status: 2,
            says: "--deletion-timeout must be a number of seconds above 0"),
        Case(arguments: ["apply", "--concurrency", "0"], status: 2, says: "--concurrency must be between 1 and 64"),
        Case(arguments: ["apply", "--parallel", "100000"], status: 2, says: "--parallel must be between 1 and 256"),
        Case(arguments: ["plan", "--request-timeout", "-5s"], status: 2, says: "--request-timeout"),
        Case(arguments: ["plan", "--request-timeout", "9999999h"], status: 2, says: "--request-timeout"),
        Case(
            arguments: [
                "offboard", "acme,tenantctl.io/tenant", "--confirm", "acme,tenantctl.io/tenant", "--cluster",
                "shared-prod",
            ], status: 2, says: "is not a valid DNS-1123 label"),
        Case(
            arguments: ["offboard", "", "--cluster", "shared-prod"], status: 2,
            says: "the tenant's name must not be empty"),
        Case(
            arguments: ["offboard", "../../etc/x", "--cluster", "shared-prod"], status: 2,
            says: "is not a valid DNS-1123 label"),
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
        Playbook(
            name: "5,000 nested parentheses",
            expression: String(repeating: "(", count: 5000) + "true" + String(repeating: ")", count: 5000),
            says: "expression nested deeper than 32 levels"),
        Playbook(
            name: "20,000 negations", expression: String(repeating: "!", count: 20_000) + "true",
            says: "expression nested deeper than 32 levels"),
        Playbook(
            name: "5,000 terms joined by &&",
            expression: Array(repeating: "true", count: 5000).joined(separator: " && "),
            says: "more than 64 operators in one expression"),
        Playbook(
            name: "5,000 indexes", expression: "'x'" + String(repeating: "[0]", count: 5000),
            says: "more than 64 operators in one expression"),
    ]

    /// Once a crash (SIGSEGV) of validate, render and plan; now an error at the expression's line and column.
    @Test(arguments: playbooks)
    func deepPlaybookExpressions(_ hostile: Playbook) throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        let onboarding = try String(
            contentsOf: Self.repository.appendingPathComponent("Playbooks/onboarding.yaml"), encoding: .utf8)
        let playbook = try folder.write(
            "playbook.yaml",
            onboarding.replacingOccurrences(
                of: "when: ${decision.runtimeClass != null}", with: "when: ${\(hostile.expression)}"))
        for command in ["render", "plan"] {
            var arguments = [command, "Tenants/acme.yaml", "--playbook", playbook]
            if command == "plan" { arguments.append("--offline") }
            let result = try cli.run(arguments)
            #expect(!result.crashed, "\(command) ended on signal \(result.status)")
            #expect(result.status == 1, "\(command): \(result.stderr.prefix(500))")
            let output = result.stdout + result.stderr
            #expect(
                output.contains("playbook.yaml:43:") && output.contains("spec.steps[4].when: \(hostile.says)"),
                "\(command): \(output.prefix(500))")
        }
    }

    /// A spec value that would forge an error line or send a terminal escape is shown escaped.
    @Test func controlCharactersInSpecValuesAreShownEscaped() throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        let spec = try folder.write(
            "t.yaml",
            "apiVersion: tenantctl.io/v1\nkind: Tenant\nmetadata:\n  name: \"acme\\nerror: fake \\u001b[31mred\"\nspec: {cluster: shared-prod}\n"
        )
        let result = try cli.run(["validate", spec, "--inventory", "Tenants/clusters.yaml"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(#""acme\nerror: fake \u{1B}[31mred" is not a valid DNS-1123 label"#),
            "\(result.stdout)")
        #expect(
            !result.stdout.contains("\u{1B}")
                && !result.stdout.split(separator: "\n").contains { $0.hasPrefix("error: fake") })
    }

    /// The safety review's repro: `plan --out /dev/full` turned the device into a regular file. A path that is not a
    /// regular file is refused, saying what it is, and left as it was.
    @Test(arguments: [
        ("/dev/null", "a character device"), ("folder", "a folder"), ("link", "a symbolic link"), ("fifo", "a FIFO"),
    ])
    func planOutRefusesWhatIsNotARegularFile(target: String, kind: String) throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        let path = target.hasPrefix("/") ? target : folder.url.appendingPathComponent(target).path
        switch target {
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        case "link":
            try FileManager.default.createSymbolicLink(
                atPath: path, withDestinationPath: folder.url.appendingPathComponent("elsewhere").path)
        case "fifo": #expect(mkfifo(path, 0o600) == 0)
        default: break
        }
        var before = stat()
        #expect(lstat(path, &before) == 0)
        let result = try cli.run(["plan", "--offline", "Tenants/acme.yaml", "--out", path])
        #expect(result.status == 1 && !result.crashed)
        #expect(result.stderr.contains("--out \(path) is \(kind), not a regular file"), "\(result.stderr)")
        var after = stat()
        #expect(
            lstat(path, &after) == 0 && after.st_mode == before.st_mode && after.st_ino == before.st_ino,
            "left as it was")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("elsewhere").path))
    }

    /// Inputs that are not regular files — a FIFO (once a hang), a link to itself, a folder named like a spec — are
    /// each reported at their place with why, and do not hide the other files' findings.
    @Test func specsThatAreNotRegularFilesAreEachReported() throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        #expect(mkfifo(folder.url.appendingPathComponent("fifo.yaml").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: folder.url.appendingPathComponent("loop.yaml").path, withDestinationPath: "loop.yaml")
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        _ = try folder.write(
            "bad.yaml",
            "apiVersion: tenantctl.io/v1\nkind: Tenant\nmetadata: {name: Bad}\nspec: {cluster: shared-prod}\n")
        let result = try cli.run(["validate", folder.url.path, "--inventory", "Tenants/clusters.yaml"])
        #expect(result.status == 1 && !result.crashed, "\(result.stderr)")
        for (file, why) in [
            ("fifo.yaml", "it is a FIFO"), ("loop.yaml", "too many levels of symbolic links"),
            ("dir.yaml", "it is a folder"),
        ] {
            let path = folder.url.appendingPathComponent(file).path
            #expect(result.stdout.contains("\(path):1:1: error: cannot read \(path): \(why)"), "\(result.stdout)")
        }
        #expect(result.stdout.contains("bad.yaml:3:"), "the readable file's problem is reported too: \(result.stdout)")
    }

    /// A FIFO where a saved plan or one of its digests points does not make `apply` wait for a writer for ever
    /// (a run that hangs is killed after 60 s and fails here): named as the plan, it is reported as what it is;
    /// named by a digest, the plan is stale.
    @Test func aSavedPlanNeverWaitsOnAFIFO() throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        let fifo = folder.url.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let named = try cli.run(["apply", fifo], timeout: .seconds(60))
        #expect(named.status == 1 && !named.crashed, "\(named.stderr)")
        #expect(named.stdout.contains("cannot read \(fifo): it is a FIFO"), "\(named.stdout)\(named.stderr)")

        let saved = folder.url.appendingPathComponent("acme.plan.json").path
        let planned = try cli.run(["plan", "--offline", "Tenants/acme.yaml", "--out", saved])
        #expect(planned.status == 0, "\(planned.stderr)")
        var document = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: saved)))
        var digests = try #require(document["digests"]?.arrayValue)
        try #require(!digests.isEmpty)
        digests[0]["path"] = .string(fifo)
        document["digests"] = .array(digests)
        try Data(document.jsonString().utf8).write(to: URL(fileURLWithPath: saved))
        let applied = try cli.run(["apply", saved], timeout: .seconds(60))
        #expect(applied.status == 1 && !applied.crashed, "\(applied.stderr)")
        #expect(
            applied.stderr.contains("the saved plan \(saved) is stale: \(fifo) changed since the plan was made"),
            "\(applied.stderr)")
    }

    /// One file of the corpus (`Hostile/cases.tsv`): its path under `Hostile/`, the exit status it must end with
    /// and what its error must say.
    struct CorpusCase: Sendable, CustomTestStringConvertible {
        var file: String
        var status: Int32
        var says: String
        var testDescription: String { file }
    }

    static let corpusCases: [CorpusCase] = {
        let text = (try? String(contentsOf: corpus.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let status = Int32(fields[1]) else { return nil }
            return CorpusCase(file: fields[0], status: status, says: fields[2])
        }
    }()

    @Test func theCorpusListsEveryFileItHolds() throws {
        let listed = Set(Self.corpusCases.map(\.file))
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter {
            !$0.hasSuffix(".tsv")
        }
        let files = try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: Self.corpus.appendingPathComponent(folder).path).map {
                "\(folder)/\($0)"
            }
        }
        #expect(listed.count >= 35)
        #expect(Set(files) == listed)
    }

    /// Each file of the corpus, fed to the command that reads its kind: a clear error at its place, by exiting
    /// within 20 s, saying nothing of secret files, and nothing written to the state directory.
    @Test(arguments: corpusCases)
    func corpusFiles(_ hostile: CorpusCase) throws {
        let cli = try CommandRunner(workingDirectory: Self.repository)
        let folder = try TemporaryDirectory(prefix: "hostile")
        defer { folder.remove() }
        let file = Self.corpus.appendingPathComponent(hostile.file).path
        let state = folder.url.appendingPathComponent("state")
        var arguments: [String]
        switch hostile.file.split(separator: "/").first {
        case "specs": arguments = ["validate", file, "--inventory", "Tenants/clusters.yaml"]
        case "playbooks": arguments = ["plan", "--offline", "Tenants/acme.yaml", "--playbook", file]
        case "kubeconfigs": arguments = ["plan", "Tenants/acme.yaml", "--kubeconfig", file, "--request-timeout", "2s"]
        case "journals":
            let runs = state.appendingPathComponent("runs")
            try FileManager.default.createDirectory(
                at: runs, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: state.path)
            try FileManager.default.copyItem(atPath: file, toPath: runs.appendingPathComponent("RUN.jsonl").path)
            arguments = ["resume", "RUN"]
        default: arguments = ["apply", file]
        }
        if ["resume", "apply"].contains(arguments[0]) {
            arguments += ["--state-dir", state.path, "--request-timeout", "2s"]
        }
        let before = Self.listing(state)
        let started = ContinuousClock.now
        // CCE credentials that reach nothing: no case may get as far as a request.
        let result = try cli.run(
            arguments,
            environment: [
                "TENANTCTL_CCE_AK": "hostile-ak", "TENANTCTL_CCE_SK": "hostile-sk", "KUBECONFIG": "",
                "HOME": folder.url.path,
            ],
            timeout: .seconds(20))
        let output = result.stdout + result.stderr
        #expect(!result.crashed, "ended on a signal (or was killed after 20 s): \(output)")
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(result.status == hostile.status, "\(output)")
        #expect(output.contains(hostile.says), "\(output)")
        #expect(!output.contains("root:") && !output.contains("hostile-sk"), "no secret is quoted: \(output)")
        #expect(Self.listing(state) == before, "nothing is written to the state directory")
    }

    /// Every file under `directory` with its size, to tell that nothing was written.
    static func listing(_ directory: URL) -> [String: Int] {
        var files: [String: Int] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.fileSizeKey])
        while let url = enumerator?.nextObject() as? URL {
            files[url.path] = (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? -1
        }
        return files
    }
}
