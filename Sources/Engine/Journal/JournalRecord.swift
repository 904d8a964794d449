import Foundation
import JSON

/// One durable line of a run's journal. A run is a `begin` record, then for every write an `intent` (recorded
/// before the write, with the before-image of what it changes) and an `outcome` (after it), `phase` records as the
/// run moves on, and finally `end`. A crash leaves a prefix of this sequence; `resume` and `rollback` start from it.
public enum JournalRecord: Sendable, Hashable, Codable {
    case begin(RunHeader)
    case intent(Intent)
    case outcome(Outcome)
    case phase(RunPhase)

    private enum CodingKeys: String, CodingKey { case kind, header, intent, outcome, phase }
    private enum Kind: String, Codable { case begin, intent, outcome, phase }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .begin: self = .begin(try container.decode(RunHeader.self, forKey: .header))
        case .intent: self = .intent(try container.decode(Intent.self, forKey: .intent))
        case .outcome: self = .outcome(try container.decode(Outcome.self, forKey: .outcome))
        case .phase: self = .phase(try container.decode(RunPhase.self, forKey: .phase))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .begin(let header):
            try container.encode(Kind.begin, forKey: .kind)
            try container.encode(header, forKey: .header)
        case .intent(let intent):
            try container.encode(Kind.intent, forKey: .kind)
            try container.encode(intent, forKey: .intent)
        case .outcome(let outcome):
            try container.encode(Kind.outcome, forKey: .kind)
            try container.encode(outcome, forKey: .outcome)
        case .phase(let phase):
            try container.encode(Kind.phase, forKey: .kind)
            try container.encode(phase, forKey: .phase)
        }
    }
}

/// What a run is about: which tenant on which cluster, when it started, who ran it, and the plan it executes
/// (the plan's JSON form, so that `resume` and `rollback` need no spec files).
public struct RunHeader: Sendable, Hashable, Codable {
    public var run: String
    public var tenant: String
    public var cluster: String
    /// ISO 8601, UTC.
    public var started: String
    /// `host:pid` of the process that began the run.
    public var owner: String
    /// How to reach the clusters again: kubeconfig path and context, CCE region, project and cluster.
    public var access: JSONValue
    /// The plan being applied, in its JSON form (`JSONValue(encoding:)`).
    public var plan: JSONValue

    public init(
        run: String, tenant: String, cluster: String, started: String, owner: String, access: JSONValue, plan: JSONValue
    ) {
        self.run = run
        self.tenant = tenant
        self.cluster = cluster
        self.started = started
        self.owner = owner
        self.access = access
        self.plan = plan
    }
}

/// A write about to happen: which step, which operation, the live object before it (nil when absent), and until
/// when the write may still land (its request's time limit; seconds since 1970) should its outcome never be known.
public struct Intent: Sendable, Hashable, Codable {
    public enum Operation: String, Sendable, Hashable, Codable {
        case create, update, delete
        /// Rolling back: undoing an earlier write of this run.
        case undo
    }

    public var step: String
    public var operation: Operation
    public var before: JSONValue?
    public var landsBy: Double?

    public init(step: String, operation: Operation, before: JSONValue?, landsBy: Double? = nil) {
        self.step = step
        self.operation = operation
        self.before = before
        self.landsBy = landsBy
    }
}

/// How a write ended: applied (with the object after it), failed (with the server's message), found already
/// converged (no write was needed), or refused as stale: the server's precondition found the target changed since
/// it was seen (nothing was written; the step is read and decided again).
public struct Outcome: Sendable, Hashable, Codable {
    public enum Result: String, Sendable, Hashable, Codable { case applied, failed, converged, stale }

    public var step: String
    public var operation: Intent.Operation
    public var result: Result
    public var after: JSONValue?
    public var message: String?
    /// A failed write that got no answer (a timeout, a reset): it may still land, until its intent's `landsBy`.
    public var uncertain: Bool?

    public init(
        step: String, operation: Intent.Operation, result: Result, after: JSONValue? = nil, message: String? = nil,
        uncertain: Bool? = nil
    ) {
        self.step = step
        self.operation = operation
        self.result = result
        self.after = after
        self.message = message
        self.uncertain = uncertain
    }
}

/// Where a run stands.
public enum RunPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// Applying the plan.
    case applying
    /// A step failed; undoing this run's writes.
    case rollingBack = "rolling-back"
    /// Every step is done.
    case succeeded
    /// A step failed and the run stopped without rolling back (`--no-rollback`): resume or roll back later.
    case failed
    /// Every write of the run was undone.
    case rolledBack = "rolled-back"

    /// Whether the run has ended (nothing more will happen without `resume` or `rollback`).
    public var isFinal: Bool { self == .succeeded || self == .rolledBack || self == .failed }
}
