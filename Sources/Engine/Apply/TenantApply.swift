import Foundation
import JSON
import TenancyCore

/// Starts, resumes and rolls back runs: a lock on the tenant, the journal's `begin`, the machine and its runner.
/// The store and the writers are injected, so that the engine runs in memory in tests.
public struct TenantApply: Sendable {
    /// Makes the writer that performs a run's writes, from how the run reaches its clusters.
    public typealias Writers = @Sendable (_ access: RunAccess, _ tenant: String) throws -> any StepWriter

    /// How a run behaves.
    public struct Options: Sendable {
        /// Writes in flight at once.
        public var concurrency: Int
        /// Undo the run's writes when a step fails (else stop, for `resume` or `rollback`).
        public var rollbackOnFailure: Bool
        /// How long to wait for another run of the same tenant to end.
        public var lockTimeout: Double
        /// Seconds the tenant's claim in its cluster stays held without renewal (see `LeaseLock`).
        public var leaseDuration: Int
        /// How long a deleted object (a terminating namespace) may take to go before its step fails.
        public var deletionTimeout: Duration
        /// How long a write may take to land (the request timeout): a rollback waits that long for one cut off.
        public var writeWindow: Duration
        /// How the engine waits; tests may record the pauses instead.
        public var sleep: @Sendable (Duration) async throws -> Void

        public init(
            concurrency: Int = 16, rollbackOnFailure: Bool = true, lockTimeout: Double = 0,
            leaseDuration: Int = LeaseLock.defaultDuration,
            deletionTimeout: Duration = KubernetesStepWriter.defaultDeletionTimeout,
            writeWindow: Duration = .seconds(60),
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
        ) {
            self.concurrency = concurrency
            self.rollbackOnFailure = rollbackOnFailure
            self.lockTimeout = lockTimeout
            self.leaseDuration = leaseDuration
            self.deletionTimeout = deletionTimeout
            self.writeWindow = writeWindow
            self.sleep = sleep
        }
    }

    public let store: any JournalStore
    public let options: Options
    public let writers: Writers
    public let events: @Sendable (ApplyEvent) -> Void

    public init(
        store: any JournalStore, options: Options, writers: @escaping Writers,
        events: @escaping @Sendable (ApplyEvent) -> Void
    ) {
        self.store = store
        self.options = options
        self.writers = writers
        self.events = events
    }

    /// An engine whose writers reach the clusters through `connector`'s clients.
    public init(
        store: any JournalStore, options: Options, connector: ClusterConnector,
        events: @escaping @Sendable (ApplyEvent) -> Void
    ) {
        let deletionTimeout = options.deletionTimeout
        self.init(
            store: store, options: options,
            writers: { access, tenant in
                try access.writer(tenant: tenant, connector: connector, deletionTimeout: deletionTimeout)
            }, events: events)
    }

    /// A new run id: UTC time, tenant and a random suffix, usable as a file name.
    public static func newRunID(tenant: String, now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let suffix = String(UUID().uuidString.lowercased().prefix(6))
        return "\(formatter.string(from: now))-\(tenant)-\(suffix)"
    }

    /// Applies `plan` in a new run; returns the run id and the machine in its final phase, or nil when the plan
    /// changes nothing (no run is journalled, but a run of the tenant in progress elsewhere still fails it, as the
    /// plan may not hold once that run ends). A plan with conflicts is refused before anything is written. Targets
    /// the plan observed are written without reading them again (the plan must be fresh: made in this
    /// invocation), the server refusing any that moved since.
    public func apply(_ plan: Plan, access: RunAccess) async throws -> (run: String, machine: ApplyMachine)? {
        let conflicts = plan.changes.filter { $0.action == .conflict }
        guard conflicts.isEmpty else {
            throw ApplyError(
                "nothing was written: \(conflicts.map { $0.message ?? "\($0.target) conflicts" }.joined(separator: "; "))"
            )
        }
        let run = Self.newRunID(tenant: plan.tenant)
        guard plan.hasChanges else {
            // Waits for (or fails on) a run in progress, as a run would; taking the lock is left to runs that write.
            if try await store.holder(of: plan.tenant) != nil {
                await (try await store.lock(tenant: plan.tenant, owner: run, timeout: options.lockTimeout)).release()
            }
            return nil
        }
        let writer = try writers(access, plan.tenant)
        let machine = try await holding(plan.tenant, run: run, writer) { stillHolding in
            let header = RunHeader(
                run: run, tenant: plan.tenant, cluster: plan.cluster, started: Self.timestamp(Date()),
                owner: "\(LocalProcess.hostName):\(LocalProcess.id)", access: access.json,
                plan: try JSONValue(encoding: plan))
            let machine = ApplyMachine(changes: plan.changes, rollbackOnFailure: options.rollbackOnFailure)
            return try await runner(run, writer, trustObserved: true, stillHolding).drive(machine, beginning: header)
        }
        return (run, machine)
    }

    /// Runs `body` holding the tenant's lock in the store and its claim in its cluster (see `TenantClaim`), both
    /// released however it ends.
    private func holding(
        _ tenant: String, run: String, _ writer: any StepWriter,
        _ body: (_ stillHolding: @escaping @Sendable () async throws -> Void) async throws -> ApplyMachine
    ) async throws -> ApplyMachine {
        let lock = try await store.lock(tenant: tenant, owner: run, timeout: options.lockTimeout)
        let lease: LeaseLock?
        do {
            lease = try await writer.claim(
                tenant: tenant, run: run, duration: options.leaseDuration, timeout: options.lockTimeout)
        } catch {
            await lock.release()
            throw error
        }
        let result = await Result(catching: {
            try await body {
                try await lock.check()
                try await lease?.check()
            }
        })
        await lease?.release()
        await lock.release()
        return try result.get()
    }

    /// `started` of a run: UTC with milliseconds, so that runs begun within one second list in the order they
    /// began (`tenantctl runs` sorts by it; run ids end in a random suffix).
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Continues `run` from its journal (`rollback` false), or undoes every write it made (`rollback` true).
    public func resume(run: String, rollback: Bool) async throws -> ApplyMachine {
        let records = try await store.records(run: run)
        guard case .begin(let header)? = records.first else { throw ApplyError("run \(run) has no begin record") }
        let plan: Plan, access: RunAccess
        do {
            (plan, access) = (try header.plan.decode(as: Plan.self), try RunAccess(json: header.access))
        } catch {
            throw ApplyError(
                "the journal of run \(run) begins with a plan or cluster access tenantctl cannot read (\(error)); "
                    + "it was changed or written by another version: nothing was written")
        }
        let writer = try writers(access, header.tenant)
        return try await holding(header.tenant, run: run, writer) { stillHolding in
            let machine = ApplyMachine(changes: plan.changes, records: records, rollback: rollback)
            if machine.phase != records.lastPhase { try await store.append(.phase(machine.phase), run: run) }
            return try await runner(run, writer, trustObserved: false, stillHolding).drive(machine)
        }
    }

    private func runner(
        _ run: String, _ writer: any StepWriter, trustObserved: Bool,
        _ stillHolding: @escaping @Sendable () async throws -> Void
    ) -> ApplyRunner {
        ApplyRunner(
            store: store, writer: writer, run: run, concurrency: options.concurrency, trustObserved: trustObserved,
            writeWindow: options.writeWindow, sleep: options.sleep, stillHolding: stillHolding, events: events)
    }
}

extension [JournalRecord] {
    /// The last phase journalled (`applying` when none was).
    var lastPhase: RunPhase {
        for record in reversed() { if case .phase(let phase) = record { return phase } }
        return .applying
    }
}
