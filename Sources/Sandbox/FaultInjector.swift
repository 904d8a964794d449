import Synchronization

/// The faults of a running sandbox: add them from tests (or through `/_sandbox/faults`) and every
/// matching request is delayed, failed or dropped. Safe to use from any thread.
public final class FaultInjector: Sendable {
    private struct Rule {
        var fault: Fault
        var matched = 0
    }

    /// What to do with one request.
    struct Decision {
        var latency: Duration = .zero
        var failure: Fault.Effect?
    }

    private let rules = Mutex<[Rule]>([])

    public init() {}

    /// Adds a fault; faults apply in the order they were added, all latencies add up, the first failure wins.
    public func add(_ fault: Fault) {
        rules.withLock { $0.append(Rule(fault: fault)) }
    }

    /// Removes every fault.
    public func clear() {
        rules.withLock { $0.removeAll() }
    }

    /// The faults in force.
    public var faults: [Fault] {
        rules.withLock { $0.map(\.fault) }
    }

    /// Counts the request against every matching fault and decides its fate.
    func decide(method: String, path: String) -> Decision {
        rules.withLock { rules in
            var decision = Decision()
            for index in rules.indices where rules[index].fault.matches(method: method, path: path) {
                rules[index].matched += 1
                let fault = rules[index].fault
                let hit: Bool
                switch fault.trigger {
                case .always: hit = true
                case .nth(let n): hit = rules[index].matched == n
                case .first(let n): hit = rules[index].matched <= n
                case .fraction(let p): hit = Double.random(in: 0..<1) < p
                }
                guard hit else { continue }
                if case .latency(let delay) = fault.effect {
                    decision.latency += delay
                } else if decision.failure == nil {
                    decision.failure = fault.effect
                }
            }
            return decision
        }
    }
}
