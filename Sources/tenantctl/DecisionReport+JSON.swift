import Foundation
import JSON
import TenancyCore

extension DecisionReport {
    /// Stable keys, documented in docs/decide.md ("-o json"). Money is a decimal string (monthly with 2
    /// places, hourly with 4) so that no amount passes through floating point.
    func json() -> String {
        let value: JSONValue = [
            "placeable": .bool(placeable),
            "catalog": [
                "file": .string(catalogFile), "name": .string(catalog.name), "currency": .string(catalog.currency),
                "region": .string(catalog.region), "sourceDate": .string(catalog.source.date),
                "hoursPerMonth": .string(DecimalFormat.trimmed(PriceCatalog.hoursPerMonth)),
            ],
            "allowWeaker": .bool(options.allowWeaker),
            "tenants": .array(entries.map(tenantJSON)),
        ]
        return value.jsonString(pretty: true) + "\n"
    }

    private func tenantJSON(_ entry: Entry) -> JSONValue {
        let decision = entry.decision
        let locator = ReasonLocator(tenant: entry.tenant, workspace: workspace)
        return [
            "tenant": .string(decision.tenant),
            "file": .string(entry.tenant.source.file),
            "target": .string(decision.target),
            "placeable": .bool(decision.placeable),
            "required": .string(decision.required.rawValue),
            "isolation": .string(decision.isolation.rawValue),
            "layout": Self.layoutJSON(decision.layout),
            "layouts": ["logical": Self.layoutJSON(decision.logical), "physical": Self.layoutJSON(decision.physical)],
            "reasons": .array(
                decision.reasons.map { reason in
                    var value: JSONValue = [
                        "kind": .string(reason.kind.rawValue), "topic": .string(reason.topic.rawValue),
                        "guidance": .array(reason.guidance.map { .string($0.rawValue) }),
                        "fields": .array(reason.fields.map { .string($0.description) }), "text": .string(reason.text),
                    ]
                    if reason.kind != .reason {
                        let located = locator.diagnostic(reason)
                        value["location"] = [
                            "file": .string(located.file), "line": .int(Int64(located.line)),
                            "column": .int(Int64(located.column)),
                        ]
                    }
                    return value
                }),
            "cost": Self.costJSON(decision.cost),
            "budget": [
                "verdict": .string(decision.budget.kind.rawValue),
                "monthly": decision.budget.budget.map { .string(DecisionLabels.monthly($0)) } ?? .null,
                "amount": decision.budget.amount.map { .string(DecisionLabels.monthly($0)) } ?? .null,
                "message": .string(decision.budget.reason.text),
            ],
        ]
    }

    static func layoutJSON(_ layout: Layout) -> JSONValue {
        var value: JSONValue = [
            "isolation": .string(layout.isolation.rawValue),
            "nodes": .string(layout.nodes.rawValue),
            "runtime": .string(layout.runtime.rawValue),
            "network": .string(layout.network.rawValue),
            "apiServer": .string(layout.apiServer.rawValue),
            "cluster": .null, "newCluster": .null, "pool": .null,
        ]
        switch layout.site {
        case .shared(let cluster, let version):
            value["cluster"] = ["name": .string(cluster), "version": .string(version.description)]
        case .own(let new):
            value["newCluster"] = [
                "region": .string(new.region), "version": .string(new.version.description),
                "category": .string(new.category.rawValue),
                "networkMode": .string(new.networkMode.rawValue), "flavor": .string(new.flavor),
            ]
        }
        if let pool = layout.pool {
            value["pool"] = [
                "flavor": .string(pool.flavor), "nodes": .int(pool.nodes), "origin": .string(pool.origin.rawValue),
                "autoscaling": pool.autoscaling.map { ["min": .int($0.min), "max": .int($0.max)] } ?? .null,
            ]
        }
        return value
    }

    static func costJSON(_ cost: CostComparison) -> JSONValue {
        func option(_ option: OptionCost) -> JSONValue {
            [
                "hourly": .string(DecisionLabels.hourly(option.hourly)),
                "monthly": .string(DecisionLabels.monthly(option.monthly)),
                "complete": .bool(option.isComplete),
                "items": .array(
                    option.items.map { item in
                        [
                            "kind": .string(item.kind.rawValue), "label": .string(item.label),
                            "basis": item.basis.map { .string($0) } ?? .null,
                            "hourly": .string(DecisionLabels.hourly(item.hourly)),
                            "monthly": .string(DecisionLabels.monthly(item.monthly)),
                            "confirmed": .bool(item.confirmed),
                        ]
                    }),
            ]
        }
        return [
            "currency": .string(cost.currency),
            "utilization": .string(DecimalFormat.trimmed(cost.utilization, places: 6)),
            "logical": option(cost.logical),
            "physical": option(cost.physical),
            "difference": [
                "hourly": .string(DecisionLabels.hourly(cost.hourlyDifference)),
                "monthly": .string(DecisionLabels.monthly(cost.monthlyDifference)),
            ],
        ]
    }
}
