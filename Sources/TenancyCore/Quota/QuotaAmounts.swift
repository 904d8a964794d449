import JSON

/// Amounts of some or all of the quota's resources, each in its resource's unit (millicores, bytes, objects):
/// a tenant's total, one namespace's share, or what a namespace uses.
public struct QuotaAmounts: Sendable, Hashable, CustomStringConvertible {
    public private(set) var values: [QuotaResource: Int64]

    public init(_ values: [QuotaResource: Int64] = [:]) { self.values = values }

    public subscript(resource: QuotaResource) -> Int64? {
        get { values[resource] }
        set { values[resource] = newValue }
    }

    /// `cpu 4, memory 16Gi, pods 50`, in the spec's order of resources.
    public var description: String {
        QuotaResource.allCases.compactMap { r in values[r].map { "\(r.rawValue) \(r.text($0))" } }.joined(
            separator: ", ")
    }

    /// The ResourceQuota `hard` these amounts set, every amount as a string.
    public var hard: [String: JSONValue] {
        var hard: [String: JSONValue] = [:]
        for (resource, units) in values {
            for key in resource.hardKeys { hard[key] = .string(resource.text(units)) }
        }
        return hard
    }

    /// The amounts a ResourceQuota's `hard` map holds, or with `used` its `status.used` (rounded up to whole units):
    /// for cpu and memory the larger of the requests and limits entries (a share bounds both). Entries that are not
    /// quantities are left out.
    public init(hard: [String: JSONValue], used: Bool = false) {
        var values: [QuotaResource: Int64] = [:]
        for resource in QuotaResource.allCases {
            let amounts = resource.hardKeys.compactMap { key in
                hard[key]?.quantityText.flatMap { resource.units(text: $0, roundingUp: used) }
            }
            if let largest = amounts.max() { values[resource] = largest }
        }
        self.init(values)
    }
}

extension TenantSpec.Quota {
    /// The total in units; an amount too large for 64 bits was refused when the spec was read.
    public var amounts: QuotaAmounts {
        var values: [QuotaResource: Int64] = [
            .pods: pods, .services: services, .deployments: deployments, .statefulsets: statefulsets,
            .persistentVolumeClaims: persistentVolumeClaims,
        ]
        for (resource, quantity) in [(QuotaResource.cpu, cpu), (.memory, memory), (.storage, storage)] {
            values[resource] = resource.units(quantity) ?? (quantity.value < 0 ? 0 : .max)
        }
        return QuotaAmounts(values)
    }
}

extension JSONValue {
    /// A quantity as Kubernetes serves it: a string, or a number a client wrote without quotes.
    var quantityText: String? { stringValue ?? intValue.map(String.init) }
}
