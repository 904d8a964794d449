import ArgumentParser
import Engine
import Foundation

/// `tenantctl runs`: lists the runs journalled in the state directory, or shows one.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs journalled in the state directory, or show one run's steps.",
        discussion: """
            Examples:
              tenantctl runs                          # every run, oldest first
              tenantctl runs -o json --state-dir /var/lib/tenantctl
              tenantctl runs show 2026-03-01T10.00.00_acme
            """,
        subcommands: [RunsListCommand.self, RunsShowCommand.self],
        defaultSubcommand: RunsListCommand.self)
}

/// Where runs are read from and how they are printed; shared by `runs list` and `runs show`.
struct RunsOptions: ParsableArguments {
    @Option(help: "The state directory holding the journal.")
    var stateDir: String = LocalJournalStore.defaultPath

    @Option(name: [.short, .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if output == .markdown { throw ValidationError("runs prints text or json") }
    }

    var store: LocalJournalStore { LocalJournalStore(directory: URL(fileURLWithPath: stateDir)) }
}

/// `tenantctl runs [list]`: a line per run.
struct RunsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs, oldest first.")

    @OptionGroup var options: RunsOptions

    func run() throws {
        let store = options.store
        let runs = try store.runs().map { id in
            let (records, damaged) = try store.salvage(run: id)
            return RunsReport.Run(id: id, records: records, damaged: damaged)
        }
        let text = options.output == .json ? RunsReport.listJSON(runs) : RunsReport.listText(runs, directory: options.stateDir)
        print(text, terminator: "")
    }
}

/// `tenantctl runs show RUN`: a run's header and each step's intent and outcome, in order.
struct RunsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one run's header and steps.")

    @OptionGroup var options: RunsOptions

    @Argument(help: "The run id.")
    var id: String

    func run() throws {
        let (records, damaged) = try options.store.salvage(run: id)
        let run = RunsReport.Run(id: id, records: records, damaged: damaged)
        print(options.output == .json ? RunsReport.showJSON(run) : RunsReport.showText(run), terminator: "")
    }
}
