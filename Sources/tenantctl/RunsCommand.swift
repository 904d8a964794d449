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
    @OptionGroup var state: StateOptions

    @OptionGroup var connection: ConnectionOptions

    @Option(name: [.short, .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if output == .markdown { throw ValidationError("runs prints text or json") }
    }

    var store: any JournalStore {
        get throws { try state.store(connection: connection) }
    }
}

/// `tenantctl runs [list]`: a line per run.
struct RunsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs, oldest first.")

    @OptionGroup var options: RunsOptions

    func run() async throws {
        let store = try options.store
        var runs: [RunsReport.Run] = []
        for id in try await store.runs() {
            let (records, damaged) = try await store.salvage(run: id)
            runs.append(RunsReport.Run(id: id, records: records, damaged: damaged))
        }
        let text =
            options.output == .json
            ? RunsReport.listJSON(runs) : RunsReport.listText(runs, place: options.state.place())
        print(text, terminator: "")
    }
}

/// `tenantctl runs show RUN`: a run's header and each step's intent and outcome, in order.
struct RunsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one run's header and steps.")

    @OptionGroup var options: RunsOptions

    @Argument(help: "The run id.")
    var id: String

    func run() async throws {
        let (records, damaged) = try await options.store.salvage(run: id)
        let run = RunsReport.Run(id: id, records: records, damaged: damaged)
        print(options.output == .json ? RunsReport.showJSON(run) : RunsReport.showText(run), terminator: "")
    }
}
