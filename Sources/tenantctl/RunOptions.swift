import ArgumentParser
import Engine
import TenancyCore
import Foundation

/// The options `apply`, `resume` and `rollback` share: where runs are journalled, how many writes run at once,
/// how long to wait for another run of the same tenant.
struct RunOptions: ParsableArguments {
    @OptionGroup var state: StateOptions

    @Option(help: "Writes in flight at once, per tenant.")
    var concurrency: Int = 16

    @Option(help: "Seconds to wait for another run of the same tenant to finish (0: fail at once, naming it).")
    var lockTimeout: Double = 0

    @Option(
        help:
            "Seconds a deleted object (a terminating namespace) may take to go before its step fails, naming what holds it."
    )
    var deletionTimeout: Double = 300

    @Flag(help: "No colour, even on a terminal.")
    var noColor = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
        guard lockTimeout.isFinite, (0...86_400).contains(lockTimeout) else {
            throw ValidationError("--lock-timeout must be a number of seconds from 0 to 86400, not \(lockTimeout)")
        }
        guard deletionTimeout.isFinite, deletionTimeout > 0, deletionTimeout <= 86_400 else {
            throw ValidationError(
                "--deletion-timeout must be a number of seconds above 0 and at most 86400, not \(deletionTimeout)")
        }
    }

    var store: any JournalStore {
        get throws { try state.store(connection: connection) }
    }

    /// Continues a journalled run (`resume`), or undoes it (`rollback`); returns its tenant and final state.
    func continueRun(_ run: String, rollback: Bool, output: ProgressOutput) async throws
        -> (tenant: String, machine: ApplyMachine)
    {
        let header = try await RunLookup.header(run, in: try store, place: state.place())
        let connector = connection.connector(kubeconfigOverride: nil, inventoryFile: nil)
        let engine = try engine(tenant: header.tenant, connector: connector, output: output)
        return (header.tenant, try await engine.resume(run: run, rollback: rollback))
    }

    /// The engine for one tenant's runs, reaching its clusters through `connector`, reporting to `output`, its
    /// runs kept where the options say or else the inventory's `state:` says.
    func engine(
        tenant: String, connector: ClusterConnector, output: ProgressOutput, rollbackOnFailure: Bool = true,
        state inventoryState: StateLocation? = InventoryFile.defaultState
    ) throws -> TenantApply {
        let progress = ApplyProgress(tenant: tenant, colour: OutputFormat.colour(noColor: noColor), output: output)
        return TenantApply(
            store: try state.store(connection: connection, inventory: inventoryState),
            options: .init(
                concurrency: concurrency, rollbackOnFailure: rollbackOnFailure, lockTimeout: lockTimeout,
                leaseDuration: state.leaseDuration,
                deletionTimeout: .milliseconds(Int64(deletionTimeout * 1000)),
                writeWindow: connection.limits.request ?? .seconds(600)),
            connector: connector, events: { progress.render($0) })
    }

    /// Prints how a run ended and turns anything but success into exit 1; `undoable` false leaves `rollback`
    /// out of the advice (an offboarding cannot bring back what it deleted).
    static func conclude(
        run: String, tenant: String, _ machine: ApplyMachine, output: ProgressOutput, undoable: Bool = true
    ) throws {
        switch machine.phase {
        case .succeeded:
            output.line(tenant, "\(tenant): run \(run) succeeded")
        case .rolledBack:
            let why = machine.failure.map { " after \($0.step) failed: \($0.message)" } ?? ""
            output.line(tenant, "\(tenant): run \(run) rolled back\(why); the cluster is as it was before")
            throw ExitCode(1)
        default:
            let why = machine.failure.map { "\($0.step) failed: \($0.message)" } ?? machine.rollbackFailure ?? "stopped"
            let undo = undoable ? " or undo with `tenantctl rollback \(run)`" : ""
            output.line(
                tenant, "\(tenant): run \(run) stopped (\(why)); continue with `tenantctl resume \(run)`\(undo)")
            throw ExitCode(1)
        }
    }
}
