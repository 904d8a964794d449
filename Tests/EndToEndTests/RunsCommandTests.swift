import Engine
import Foundation
import JSON
import TestSupport
import Testing

/// `tenantctl runs` and `runs show`, through the real binary, over a journal written by `LocalJournalStore`.
@Suite struct RunsCommandTests {
    let cli: CommandRunner
    let temporary: TemporaryDirectory
    let stateDir: String
    let deadPid: Int32

    init() throws {
        temporary = try TemporaryDirectory(prefix: "runs")
        cli = try CommandRunner(workingDirectory: temporary.url)
        stateDir = temporary.url.appendingPathComponent("state").path
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        deadPid = finished.processIdentifier
        try writeJournal()
    }

    func header(_ run: String, tenant: String, started: String, owner: String) -> RunHeader {
        RunHeader(run: run, tenant: tenant, cluster: "prod-1", started: started, owner: owner, access: [:], plan: [:])
    }

    /// `done` succeeded on another host; `undone` failed and rolled back; `crashed` began on this host by a process
    /// that is gone, mid-step.
    func writeJournal() throws {
        let store = LocalJournalStore(directory: URL(fileURLWithPath: stateDir))
        let namespace: JSONValue = ["kind": "Namespace", "metadata": ["name": "acme"]]
        try store.begin(header("done", tenant: "acme", started: "2026-03-01T10:00:00Z", owner: "ci-host:17"))
        for record: JournalRecord in [
            .phase(.applying),
            .intent(Intent(step: "namespace/acme", operation: .create, before: nil)),
            .outcome(Outcome(step: "namespace/acme", operation: .create, result: .applied, after: namespace)),
            .outcome(Outcome(step: "limits/acme", operation: .update, result: .converged)),
            .phase(.succeeded),
        ] { try store.append([record], run: "done") }

        try store.begin(header("undone", tenant: "globex", started: "2026-03-02T10:00:00Z", owner: "ci-host:18"))
        for record: JournalRecord in [
            .intent(Intent(step: "namespace/globex", operation: .create, before: nil)),
            .outcome(Outcome(step: "namespace/globex", operation: .create, result: .applied)),
            .intent(Intent(step: "quota/globex", operation: .create, before: nil)),
            .outcome(Outcome(step: "quota/globex", operation: .create, result: .failed, message: "forbidden: quota")),
            .phase(.rollingBack),
            .intent(Intent(step: "namespace/globex", operation: .undo, before: nil)),
            .outcome(Outcome(step: "namespace/globex", operation: .undo, result: .applied)),
            .phase(.rolledBack),
        ] { try store.append([record], run: "undone") }

        try store.begin(
            header(
                "crashed", tenant: "acme", started: "2026-03-03T10:00:00Z", owner: "\(LocalProcess.hostName):\(deadPid)"
            ))
        for record: JournalRecord in [
            .phase(.applying),
            .intent(Intent(step: "namespace/acme", operation: .update, before: namespace)),
        ] { try store.append([record], run: "crashed") }
    }

    /// A text table's cells, split where two or more spaces separate them.
    func cells(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { line in
            line.split(separator: #/ {2,}/#).map(String.init)
        }
    }

    @Test func listsRunsOldestFirstWithPhasesAndCounts() throws {
        defer { temporary.remove() }
        let result = try cli.run(["runs", "--state-dir", stateDir])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            cells(result.stdout) == [
                ["RUN", "TENANT", "CLUSTER", "STARTED", "PHASE", "APPLIED", "FAILED", "UNDONE"],
                ["done", "acme", "prod-1", "2026-03-01T10:00:00Z", "succeeded", "1", "0", "0"],
                ["undone", "globex", "prod-1", "2026-03-02T10:00:00Z", "rolled-back", "1", "1", "1"],
                ["crashed", "acme", "prod-1", "2026-03-03T10:00:00Z", "applying (interrupted?)", "0", "0", "0"],
            ], "\(result.stdout)")
    }

    @Test func listsRunsAsJSON() throws {
        defer { temporary.remove() }
        let result = try cli.run(["runs", "--state-dir", stateDir, "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try #require(try JSONValue.parse(result.stdout)["runs"]?.arrayValue)
        #expect(runs.map { $0["run"]?.stringValue } == ["done", "undone", "crashed"])
        #expect(
            runs[1] == [
                "run": "undone", "tenant": "globex", "cluster": "prod-1", "started": "2026-03-02T10:00:00Z",
                "owner": "ci-host:18",
                "phase": "rolled-back", "interrupted": false, "applied": 1, "failed": 1, "undone": 1,
            ])
        #expect(runs[2]["phase"] == "applying" && runs[2]["interrupted"] == true)
    }

    @Test func showsARunsStepsInOrder() throws {
        defer { temporary.remove() }
        let result = try cli.run(["runs", "show", "undone", "--state-dir", stateDir])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            cells(result.stdout) == [
                ["run", "undone"], ["tenant", "globex"], ["cluster", "prod-1"], ["started", "2026-03-02T10:00:00Z"],
                ["owner", "ci-host:18"], ["phase", "rolled-back"],
                ["#", "OPERATION", "STEP", "RESULT"],
                ["1", "create", "namespace/globex", "applied"],
                ["2", "create", "quota/globex", "failed: forbidden: quota"],
                ["3", "undo", "namespace/globex", "applied"],
            ], "\(result.stdout)")
    }

    @Test func showsAnInterruptedRunsPendingStep() throws {
        defer { temporary.remove() }
        let result = try cli.run(["runs", "show", "crashed", "--state-dir", stateDir, "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let run = try JSONValue.parse(result.stdout)
        #expect(run["phase"] == "applying" && run["interrupted"] == true)
        let steps = try #require(run["steps"]?.arrayValue)
        #expect(steps.count == 1)
        #expect(steps.first?["operation"] == "update" && steps.first?["result"]?.isNull == true)
        #expect(steps.first?["before"]?["metadata"]?["name"] == "acme")
    }

    @Test func convergedStepsShowWithoutAnIntent() throws {
        defer { temporary.remove() }
        let result = try cli.run(["runs", "show", "done", "--state-dir", stateDir])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            cells(result.stdout).suffix(2) == [
                ["1", "create", "namespace/acme", "applied"], ["2", "update", "limits/acme", "converged"],
            ])
    }

    @Test func unknownOrInvalidRunsFail() throws {
        defer { temporary.remove() }
        let unknown = try cli.run(["runs", "show", "nope", "--state-dir", stateDir])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no run \"nope\""), "\(unknown.stderr)")
        let escaping = try cli.run(["runs", "show", "../state/runs/done", "--state-dir", stateDir])
        #expect(escaping.status == 1)
        #expect(escaping.stderr.contains("is not a valid run id"), "\(escaping.stderr)")
    }

    @Test func anEmptyStateDirectoryHasNoRuns() throws {
        defer { temporary.remove() }
        let result = try cli.run(["runs"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "no runs in the state directory .tenantctl/state\n")
    }

    /// One damaged line in the middle of a journal (the safety review's repro): the other runs still list, the
    /// damaged run shows what can be read and where it is damaged, and resume and rollback refuse it, naming the
    /// line — never concluding that it wrote nothing.
    @Test func aDamagedJournalIsReportedAndNeverContinued() throws {
        defer { temporary.remove() }
        let journal = URL(fileURLWithPath: stateDir).appendingPathComponent("runs/undone.jsonl")
        var lines = try String(contentsOf: journal, encoding: .utf8).components(separatedBy: "\n")
        lines[3] = "{\"kind\": \"outcome\", garbage"
        try lines.joined(separator: "\n").write(to: journal, atomically: true, encoding: .utf8)

        let listed = try cli.run(["runs", "--state-dir", stateDir])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(cells(listed.stdout).map(\.first) == ["RUN", "done", "undone", "crashed"], "\(listed.stdout)")
        #expect(listed.stdout.contains("damaged (line 4)"), "\(listed.stdout)")

        let shown = try cli.run(["runs", "show", "undone", "--state-dir", stateDir])
        #expect(shown.status == 0 && shown.stdout.contains("quota/globex"), "\(shown.stdout)\(shown.stderr)")

        for command in ["resume", "rollback"] {
            let refused = try cli.run([command, "undone", "--state-dir", stateDir])
            #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains("damaged at line 4"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("wrote nothing"), "\(refused.stderr)")
        }
    }
}
