import ArgumentParser
import Engine
import Foundation

/// `tenantctl resume RUN`: continues a run that stopped (a failure under --no-rollback, or a killed process).
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a run that stopped or was killed, from its journal.",
        discussion: """
            Every step not yet done is checked against the live cluster again and written only if it still
            differs; a write that was cut off is re-read, never blindly repeated. A run that was rolling back
            goes on rolling back. Safe to repeat. `tenantctl runs` lists runs.

            Examples:
              tenantctl runs
              tenantctl resume 20261122-235959-acme-1a2b3c
            """)

    @Argument(help: "The run id (see `tenantctl runs`).")
    var runID: String

    @OptionGroup var run: RunOptions

    func run() async throws {
        let output = ProgressOutput(tenants: 1, parallel: 1)
        let (tenant, machine) = try await run.continueRun(runID, rollback: false, output: output)
        try RunOptions.conclude(run: runID, tenant: tenant, machine, output: output)
    }
}

/// `tenantctl rollback RUN`: undoes every write a run made.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Undo every write a run made, newest first, from its journal.",
        discussion: """
            Deletes what the run created (only objects carrying its run annotation), restores the fields it
            changed, recreates what it deleted; never touches what existed before. Safe to repeat.

            Examples:
              tenantctl runs show 20261122-235959-acme-1a2b3c
              tenantctl rollback 20261122-235959-acme-1a2b3c
            """)

    @Argument(help: "The run id (see `tenantctl runs`).")
    var runID: String

    @OptionGroup var run: RunOptions

    func run() async throws {
        let output = ProgressOutput(tenants: 1, parallel: 1)
        let (tenant, machine) = try await run.continueRun(runID, rollback: true, output: output)
        guard machine.phase == .rolledBack else {
            return try RunOptions.conclude(run: runID, tenant: tenant, machine, output: output)
        }
        print("\(tenant): run \(runID) rolled back; every write it made is undone")
    }
}

/// Finds a run's header, or fails naming the runs there are.
enum RunLookup {
    static func header(_ run: String, in store: any JournalStore, place: String) async throws -> RunHeader {
        do {
            if case .begin(let header)? = try await store.records(run: run).first { return header }
        } catch let error as JournalError where error == .unknownRun(run) {
            // Said below, with the runs there are.
        } catch {
            exitWithError("\(error)")
        }
        let known: [String]
        do { known = try await store.runs() } catch { exitWithError("\(error)") }
        guard !known.contains(run) else {
            // Killed while writing its first record: the begin comes before any write.
            exitWithError("run \(run) was stopped before its journal began: it wrote nothing; apply again")
        }
        let listed =
            known.isEmpty
            ? "it holds no runs"
            : "its latest runs: \(known.suffix(5).joined(separator: ", ")) (`tenantctl runs` lists them all)"
        exitWithError("no run \(run.terminalSafe) in \(place); \(listed)")
    }
}
