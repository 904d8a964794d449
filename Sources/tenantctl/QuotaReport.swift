import Foundation
import JSON
import TenancyCore

/// A tenant's quota as `quota` prints it: a row per namespace and resource (use and share) and one per resource for
/// the tenant (use, what the shares add up to, the total), or JSON.
struct QuotaReport {
    let status: QuotaStatus

    init(_ status: QuotaStatus) { self.status = status }

    func render(_ format: OutputFormat) -> String {
        format == .json ? json.jsonString(pretty: true) + "\n" : text
    }

    private var text: String {
        var rows = [["NAMESPACE", "RESOURCE", "USED", "SHARE", "FROM"]]
        for namespace in status.namespaces {
            guard let share = namespace.share else {
                rows.append([namespace.name, "-", "-", "-", "no ResourceQuota"])
                continue
            }
            let from = namespace.origin.map { $0.hasPrefix("rebalanced") ? "rebalanced" : $0 } ?? "-"
            for resource in QuotaResource.allCases {
                rows.append([
                    namespace.name, resource.rawValue, Self.amount(namespace.used, resource),
                    Self.amount(share, resource), from,
                ])
            }
        }
        let (allocated, used, over) = (status.allocated, status.used, Set(status.overAllocated))
        for resource in QuotaResource.allCases {
            let total = resource.text(status.total[resource] ?? 0)
            rows.append([
                "(tenant)", resource.rawValue, Self.amount(used, resource),
                "\(Self.amount(allocated, resource)) of \(total)",
                over.contains(resource) ? "OVER the total" : "spec.quota",
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1 + 2, withPad: " ", startingAt: 0) }.joined()
                .trimmingTrailingSpaces
        }
        var text =
            "Tenant \(status.tenant) on \(status.cluster): each namespace's share of the total (spec.hard) and its use (status.used)\n\n"
        text += lines.joined(separator: "\n") + "\n"
        if !over.isEmpty {
            text +=
                "\nThe shares add up to more than the total for \(over.map(\.rawValue).joined(separator: ", ")): plan and apply the tenant to divide it again.\n"
        }
        return text
    }

    private var json: JSONValue {
        [
            "apiVersion": "tenantctl.io/v1", "kind": "QuotaReport", "tenant": .string(status.tenant),
            "cluster": .string(status.cluster), "total": Self.amounts(status.total),
            "allocated": Self.amounts(status.allocated), "used": Self.amounts(status.used),
            "overAllocated": .array(status.overAllocated.map { .string($0.rawValue) }),
            "namespaces": .array(
                status.namespaces.map { namespace in
                    [
                        "name": .string(namespace.name), "share": namespace.share.map(Self.amounts) ?? .null,
                        "used": namespace.used.map(Self.amounts) ?? .null,
                        "from": namespace.origin.map(JSONValue.string) ?? .null,
                    ]
                }),
        ]
    }

    private static func amount(_ amounts: QuotaAmounts?, _ resource: QuotaResource) -> String {
        amounts?[resource].map(resource.text) ?? "-"
    }

    /// `{"cpu": "4", "memory": "16Gi", …}` in the spec's names.
    private static func amounts(_ amounts: QuotaAmounts) -> JSONValue {
        .object(
            Dictionary(
                uniqueKeysWithValues: amounts.values.map { ($0.key.rawValue, JSONValue.string($0.key.text($0.value))) })
        )
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
