import Foundation
import TenancyCore

/// The words for a decision's parts, shared by the text, Markdown and JSON reports.
enum DecisionLabels {
    /// The choices a report lists, in order; cost and budget follow them.
    static let topics: [Reason.Topic] = [.isolation, .version, .nodes, .runtime, .network, .apiServer]

    static func title(_ topic: Reason.Topic) -> String {
        topic == .apiServer ? "API server" : topic.rawValue
    }

    /// What was chosen for `topic`, in a few words.
    static func value(_ topic: Reason.Topic, _ decision: Decision) -> String {
        let layout = decision.layout
        switch topic {
        case .isolation: return "\(layout.isolation.rawValue), \(site(layout))"
        case .version: return version(layout).description
        case .nodes: return nodes(layout)
        case .runtime: return layout.runtime == .secure ? "secure (Kata micro-VMs)" : "standard (runC)"
        case .network: return network(layout.network)
        case .apiServer: return layout.apiServer.rawValue
        case .cost:
            return "\(monthly(decision.cost.option(decision.isolation).monthly)) \(decision.cost.currency)/month"
        case .budget: return decision.budget.kind.rawValue
        }
    }

    static func site(_ layout: Layout) -> String {
        switch layout.site {
        case .shared(let cluster, _): return "on \(cluster)"
        case .own(let new):
            return
                "own \(new.category == .turbo ? "CCE Turbo" : "CCE") cluster in \(new.region) (\(new.version), \(new.flavor))"
        }
    }

    static func version(_ layout: Layout) -> KubernetesVersion {
        switch layout.site {
        case .shared(_, let version): return version
        case .own(let new): return new.version
        }
    }

    static func nodes(_ layout: Layout) -> String {
        guard let pool = layout.pool else { return "shared nodes" }
        let scaling = pool.autoscaling.map { " (autoscaling \($0.min)–\($0.max))" } ?? ""
        return "dedicated pool of \(pool.nodes) × \(pool.flavor)\(scaling)"
    }

    static func network(_ method: Layout.NetworkMethod) -> String {
        switch method {
        case .networkPolicy: return "NetworkPolicy"
        case .securityGroup: return "pod security groups"
        case .none: return "none"
        }
    }

    /// One line: where the tenant goes and how.
    static func summary(_ decision: Decision) -> String {
        let layout = decision.layout
        return "\(layout.isolation.rawValue) \(site(layout)); \(nodes(layout)); \(layout.runtime.rawValue) runtime; "
            + "network isolation: \(network(layout.network)); API server \(layout.apiServer.rawValue)"
    }

    /// How the options compare per month.
    static func difference(_ cost: CostComparison) -> String {
        let difference = cost.monthlyDifference
        let amount = "\(monthly(abs(difference))) \(cost.currency)/month"
        if difference == 0 { return "both options cost the same" }
        return difference > 0
            ? "physical costs \(amount) more than logical" : "physical costs \(amount) less than logical"
    }

    static func monthly(_ amount: Decimal) -> String { DecimalFormat.fixed(amount, places: 2) }
    static func hourly(_ amount: Decimal) -> String { DecimalFormat.fixed(amount, places: 4) }

    /// The note for items priced from an unconfirmed catalog default.
    static let unconfirmed = "* unconfirmed default price from the catalog: check it before quoting"
}
