import Engine
import Foundation
import JSON
import TestSupport
import Testing

/// The local state directory: the conformance suite, then what only a local directory can show (file modes,
/// bytes written by hand, run ids as file names, stale and cross-process locks).
@Suite struct LocalJournalStoreTests {
    let temporary: TemporaryDirectory
    let state: URL
    let store: LocalJournalStore

    init() throws {
        temporary = try TemporaryDirectory(prefix: "journal")
        state = temporary.url.appendingPathComponent("state")
        store = LocalJournalStore(directory: state)
    }

    static func header(_ run: String) -> RunHeader {
        RunHeader(
            run: run, tenant: "acme", cluster: "prod-1", started: "2026-03-01T10:00:00Z", owner: "host:1",
            access: [:], plan: [:])
    }

    func journal(_ run: String) -> URL { state.appendingPathComponent("runs/\(run).jsonl") }
    var lockFile: URL { state.appendingPathComponent("locks/acme.lock") }

    func mode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    func holder() throws -> LockHolder { try JSONDecoder().decode(LockHolder.self, from: Data(contentsOf: lockFile)) }

    func writeHolder(_ holder: LockHolder) throws {
        try FileManager.default.createDirectory(
            at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONEncoder().encode(holder).write(to: lockFile)
    }

    @Test(arguments: JournalStoreConformance.checks)
    func conformance(_ check: JournalStoreConformance.Check) async throws {
        defer { temporary.remove() }
        let subject = JournalStoreConformance.Subject(store: store) { [state] run in
            let handle = try FileHandle(forWritingTo: state.appendingPathComponent("runs/\(run).jsonl"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(#"{"kind":"outcome","outcome":{"step":"nam"#.utf8))
            try handle.close()
        }
        try await check.run(on: subject)
    }

    @Test func directoriesAre0700AndFiles0600() async throws {
        defer { temporary.remove() }
        try store.begin(Self.header("r1"))
        let lock = try await store.lock(tenant: "acme", owner: "r1", timeout: 0)
        #expect(try mode(state) == 0o700)
        #expect(try mode(state.appendingPathComponent("runs")) == 0o700)
        #expect(try mode(state.appendingPathComponent("locks")) == 0o700)
        #expect(try mode(journal("r1")) == 0o600)
        #expect(try mode(lockFile) == 0o600)
        await lock.release()
    }

    @Test func looserFilesAreTightenedButDirectoriesAreNeverChanged() throws {
        defer { temporary.remove() }
        try store.begin(Self.header("r1"))
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: state.appendingPathComponent("runs").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: journal("r1").path)
        try store.append([.phase(.applying)], run: "r1")
        try store.begin(Self.header("r2"))
        #expect(
            try mode(state.appendingPathComponent("runs")) == 0o755, "a directory only others can read is used as it is"
        )
        #expect(try mode(journal("r1")) == 0o600)
    }

    /// The safety review's repro: `--state-dir /tmp` made /tmp 0700. A directory others may write to, or someone
    /// else's, is refused with the reason and left exactly as it was.
    @Test(arguments: [0o1777, 0o777, 0o770])
    func aStateDirectoryOthersMayWriteToIsRefusedAndLeftAlone(permissions: Int) throws {
        defer { temporary.remove() }
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: state.path)
        #expect {
            try store.begin(Self.header("r1"))
        } throws: { error in
            "\(error)".contains("is not safe to keep runs in: others may write to it")
                && "\(error)".contains(state.path)
        }
        #expect(try mode(state) == permissions)
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("runs").path))
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a directory to another user"))
    func someoneElsesStateDirectoryIsRefused() throws {
        defer { temporary.remove() }
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        #expect(chown(state.path, 65534, 65534) == 0)
        #expect {
            try store.begin(Self.header("r1"))
        } throws: { error in
            "\(error)".contains("belongs to user id 65534")
        }
    }

    @Test func eachRecordIsOneSortedKeyLine() throws {
        defer { temporary.remove() }
        try store.begin(Self.header("r1"))
        try store.append([.phase(.succeeded)], run: "r1")
        let lines = try String(contentsOf: journal("r1"), encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[1] == #"{"kind":"phase","phase":"succeeded"}"#)
        #expect(lines[0].hasPrefix(#"{"header":{"access":{},"cluster":"prod-1","#))
    }

    @Test func tornOrUndecodableLastLineIsIgnored() throws {
        defer { temporary.remove() }
        try store.begin(Self.header("r1"))
        try store.append([.phase(.applying)], run: "r1")
        let whole = try Data(contentsOf: journal("r1"))
        try (whole + Data(#"{"kind":"pha"#.utf8)).write(to: journal("r1"))
        #expect(try store.records(run: "r1") == [.begin(Self.header("r1")), .phase(.applying)])
        try (whole + Data("garbage\n".utf8)).write(to: journal("r1"))
        #expect(try store.records(run: "r1") == [.begin(Self.header("r1")), .phase(.applying)])
    }

    @Test func corruptMiddleLineFails() throws {
        defer { temporary.remove() }
        try store.begin(Self.header("r1"))
        let begin = try Data(contentsOf: journal("r1"))
        try (begin + Data("garbage\n".utf8) + Data(#"{"kind":"phase","phase":"failed"}"#.utf8) + Data("\n".utf8))
            .write(to: journal("r1"))
        #expect(throws: JournalError.corruptRecord(run: "r1", line: 2)) { try store.records(run: "r1") }
    }

    @Test(arguments: ["", ".hidden", "..", "../escape", "a/b", "run 1", "ünï", "a\u{0}b"])
    func invalidRunIdsAndTenantsAreRefused(_ name: String) async throws {
        defer { temporary.remove() }
        #expect(throws: JournalError.invalidName(name)) { try store.begin(Self.header(name)) }
        #expect(throws: JournalError.invalidName(name)) { try store.records(run: name) }
        #expect(throws: JournalError.invalidName(name)) { try store.append([.phase(.applying)], run: name) }
        await #expect(throws: JournalError.invalidName(name)) {
            try await store.lock(tenant: name, owner: "r1", timeout: 0)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [])
    }

    @Test func validRunIdsAreAccepted() throws {
        defer { temporary.remove() }
        try store.begin(Self.header("2026-03-01T10.00.00_acme-1"))
        #expect(try store.runs() == ["2026-03-01T10.00.00_acme-1"])
    }

    /// The pid of a process that has exited and been reaped.
    static func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func lockOfADeadHolderOnThisHostIsTakenOver() async throws {
        defer { temporary.remove() }
        let dead = try Self.deadPid()
        try writeHolder(
            LockHolder(owner: "crashed", pid: dead, host: LocalProcess.hostName, since: "2026-03-01T00:00:00Z"))
        let lock = try await store.lock(tenant: "acme", owner: "r2", timeout: 0)
        #expect(try holder().owner == "r2")
        #expect(try holder().pid == ProcessInfo.processInfo.processIdentifier)
        await lock.release()
        #expect(!FileManager.default.fileExists(atPath: lockFile.path))
    }

    @Test func lockOfAHolderOnAnotherHostIsNotTakenOver() async throws {
        defer { temporary.remove() }
        let elsewhere = LockHolder(
            owner: "remote", pid: try Self.deadPid(), host: "other-host", since: "2026-03-01T00:00:00Z")
        try writeHolder(elsewhere)
        let error = await #expect(throws: JournalError.self) {
            try await store.lock(tenant: "acme", owner: "r2", timeout: 0.2)
        }
        #expect(
            error?.description
                == "tenant \"acme\" is locked by run remote (pid \(elsewhere.pid) on host other-host since 2026-03-01T00:00:00Z)"
        )
        #expect(try holder() == elsewhere)
    }

    @Test func onlyOneOfManyRacersTakesOverADeadHolder() async throws {
        defer { temporary.remove() }
        try writeHolder(
            LockHolder(
                owner: "crashed", pid: try Self.deadPid(), host: LocalProcess.hostName, since: "2026-03-01T00:00:00Z"))
        let winners = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<8 {
                let racer = LocalJournalStore(directory: state)
                group.addTask {
                    do {
                        _ = try await racer.lock(tenant: "acme", owner: "racer-\(index)", timeout: 0.3)
                        return "racer-\(index)"
                    } catch JournalError.locked {
                        return nil
                    }
                }
            }
            return try await group.reduce(into: [String]()) { if let winner = $1 { $0.append(winner) } }
        }
        #expect(winners.count == 1)
        #expect(try holder().owner == winners.first)
    }

    @Test func anotherProcessHoldingTheLockMakesAShortWaitFail() async throws {
        defer { temporary.remove() }
        let shell = try ShellLockHolder(lockFile: lockFile)
        defer { shell.release() }
        let error = await #expect(throws: JournalError.self) {
            try await store.lock(tenant: "acme", owner: "r2", timeout: 0.3)
        }
        #expect(
            error?.description.hasPrefix("tenant \"acme\" is locked by run shell-run (pid \(shell.pid) on host ")
                == true)
    }

    @Test func aWaiterGetsTheLockWhenAnotherProcessReleasesIt() async throws {
        defer { temporary.remove() }
        let shell = try ShellLockHolder(lockFile: lockFile)
        let waiter = Task { [store] in try await store.lock(tenant: "acme", owner: "r2", timeout: 600) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try holder().owner == "shell-run")
        await shell.release()
        let lock = try await waiter.value
        #expect(try holder().owner == "r2")
        await lock.release()
    }

    @Test func anotherProcessCannotCreateTheLockWhileHeld() async throws {
        defer { temporary.remove() }
        let lock = try await store.lock(tenant: "acme", owner: "r1", timeout: 0)
        #expect(throws: Tool.Failure.self) { try Tool.run("sh", ["-c", "set -C; echo x > \"$0\"", lockFile.path]) }
        #expect(try holder().owner == "r1")
        await lock.release()
    }
}
