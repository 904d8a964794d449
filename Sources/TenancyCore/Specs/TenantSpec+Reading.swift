import Foundation
import YAML

extension TenantSpec {
    static let specKeys = [
        "description", "trust", "compliance", "isolation", "cluster", "owners", "viewers", "namespaces", "quota",
        "limits", "network", "nodePool", "runtime", "apiAccess", "hostNetwork", "budget", "containerCIDR",
        "admission",
    ]

    /// Reads a `kind: Tenant` document; returns nil when a required part is missing or malformed (all reported).
    static func read(_ root: MappingReader) -> TenantSpec? {
        let context = root.context
        let metadata = root.mapping("metadata", keys: ["name"], required: true)
        let name = metadata?.string("name", required: true)
        if let name, let problem = Names.dnsLabelProblem(name) {
            context.error(
                problem, at: metadata?.value("name")?.mark ?? root.node.mark,
                path: FieldPath().appending("metadata").appending("name"))
        }
        guard let spec = root.mapping("spec", keys: specKeys, required: true) else { return nil }

        let description = spec.string("description")
        let trust = spec.choice("trust", Trust.self, required: true)
        let compliance = spec.list("compliance") { ScalarReader.string($0, path: $1, context) } ?? []
        let isolation = spec.choice("isolation", Isolation.self) ?? .auto
        let cluster = spec.string("cluster", required: true)
        let owners = spec.list("owners", required: true) { readSubject($0, $1, context) }
        let viewers = spec.list("viewers") { readSubject($0, $1, context) } ?? []
        var quotaShares: [String: QuotaAmounts] = [:]
        let namespaces = spec.list("namespaces", required: true) { node, path in
            readNamespace(node, path, context, shares: &quotaShares)
        }
        let quota = spec.mapping("quota", keys: Quota.keys, required: true).flatMap(Quota.read)
        let limits = spec.mapping("limits", keys: ["container", "persistentVolumeClaim"]).map(Limits.read)
        let network =
            spec.mapping("network", keys: ["isolation", "allowFrom", "securityGroups"]).map(Network.read) ?? Network()
        let nodePool = spec.mapping("nodePool", keys: ["flavor", "nodes", "autoscaling"]).flatMap(NodePool.read)
        let runtime = spec.choice("runtime", Runtime.self) ?? .standard
        let apiAccess = spec.bool("apiAccess") ?? false
        let hostNetwork = spec.bool("hostNetwork") ?? false
        let budget = spec.mapping("budget", keys: ["monthly", "currency"]).flatMap(Budget.read)
        let containerCIDR = spec.cidr("containerCIDR")
        let admission = spec.mapping("admission", keys: Admission.keys).map(Admission.read) ?? Admission()

        if let node = spec.value("owners"), node.sequence?.isEmpty == true {
            context.error(
                "at least one owner is required: someone must administer the tenant's namespaces", at: node.mark,
                path: spec.path.appending("owners"))
        }
        if let node = spec.value("namespaces"), node.sequence?.isEmpty == true {
            context.error("at least one namespace is required", at: node.mark, path: spec.path.appending("namespaces"))
        }
        guard let name, let trust, let cluster, let owners, let namespaces, let quota else { return nil }
        return TenantSpec(
            name: name, description: description, trust: trust, compliance: compliance, isolation: isolation,
            cluster: cluster, owners: owners, viewers: viewers, namespaces: namespaces, quota: quota,
            quotaShares: quotaShares, limits: limits,
            network: network, nodePool: nodePool, runtime: runtime, apiAccess: apiAccess, hostNetwork: hostNetwork,
            budget: budget, containerCIDR: containerCIDR, admission: admission)
    }

    static func readSubject(_ node: Node, _ path: FieldPath, _ context: ReadContext) -> Subject? {
        guard let subject = MappingReader(context, node, path: path, keys: ["user", "group"]) else { return nil }
        let user = subject.string("user"), group = subject.string("group")
        switch (user, group) {
        case (let user?, nil) where !user.isEmpty: return .user(user)
        case (nil, let group?) where !group.isEmpty: return .group(group)
        case (.some, .some):
            context.error("give either \"user\" or \"group\", not both", at: node.mark, path: path)
        default:
            if !subject.has("user") && !subject.has("group") {
                context.error("expected {user: NAME} or {group: NAME}", at: node.mark, path: path)
            } else {
                context.error("the name must not be empty", at: node.mark, path: path)
            }
        }
        return nil
    }

    /// A namespace entry: its name, or `{name: NAME, quota: {…}}` with an explicit share of the total.
    static func readNamespace(
        _ node: Node, _ path: FieldPath, _ context: ReadContext, shares: inout [String: QuotaAmounts]
    )
        -> String?
    {
        guard node.mapping != nil else { return readName(node, path, context) }
        guard let entry = MappingReader(context, node, path: path, keys: ["name", "quota"]),
            let nameNode = entry.value("name", required: true),
            let name = readName(nameNode, path.appending("name"), context)
        else { return nil }
        if let share = entry.mapping("quota", keys: Quota.keys) {
            shares[name] = Quota.readShare(share)
        }
        return name
    }

    static func readName(_ node: Node, _ path: FieldPath, _ context: ReadContext) -> String? {
        ScalarReader.string(node, path: path, context) { Names.dnsLabelProblem($0) }
    }
}

extension TenantSpec.Quota {
    static let keys = [
        "cpu", "memory", "storage", "pods", "services", "deployments", "statefulsets", "persistentVolumeClaims",
    ]

    static func read(_ m: MappingReader) -> Self? {
        let cpu = m.quantity("cpu", required: true), memory = m.quantity("memory", required: true)
        let storage = m.quantity("storage", required: true)
        let pods = m.int("pods", required: true, minimum: 0), services = m.int("services", required: true, minimum: 0)
        let deployments = m.int("deployments", required: true, minimum: 0)
        let statefulsets = m.int("statefulsets", required: true, minimum: 0)
        let pvcs = m.int("persistentVolumeClaims", required: true, minimum: 0)
        for (resource, value) in [(QuotaResource.cpu, cpu), (.memory, memory), (.storage, storage)] {
            guard let value, let node = m.value(resource.rawValue) else { continue }
            if value.value <= 0 {
                m.context.error(
                    "must be greater than zero, found \(value)", at: node.mark,
                    path: m.path.appending(resource.rawValue))
            } else if resource.units(value) == nil {
                m.context.error(tooLarge(resource, value), at: node.mark, path: m.path.appending(resource.rawValue))
            }
        }
        guard let cpu, let memory, let storage, let pods, let services, let deployments, let statefulsets, let pvcs
        else { return nil }
        return Self(
            cpu: cpu, memory: memory, storage: storage, pods: pods, services: services, deployments: deployments,
            statefulsets: statefulsets, persistentVolumeClaims: pvcs)
    }
}

extension TenantSpec.Quota {
    /// An explicit share: any of the quota's fields, none required, each at least zero.
    static func readShare(_ m: MappingReader) -> QuotaAmounts {
        var share = QuotaAmounts()
        for resource in QuotaResource.allCases {
            guard resource.isQuantity else {
                share[resource] = m.int(resource.rawValue, minimum: 0)
                continue
            }
            guard let quantity = m.quantity(resource.rawValue), let node = m.value(resource.rawValue) else { continue }
            let path = m.path.appending(resource.rawValue)
            if quantity.value < 0 {
                m.context.error("must be zero or more, found \(quantity)", at: node.mark, path: path)
            } else if let units = resource.units(quantity) {
                share[resource] = units
            } else {
                m.context.error(tooLarge(resource, quantity), at: node.mark, path: path)
            }
        }
        return share
    }

    private static func tooLarge(_ resource: QuotaResource, _ quantity: Quantity) -> String {
        "\(quantity) is too large to divide among namespaces (at most \(resource.text(Int64.max)) of \(resource.rawValue))"
    }
}

extension TenantSpec.Limits {
    static func read(_ m: MappingReader) -> Self {
        let container = m.mapping("container", keys: ["defaultRequest", "default", "min", "max"]).map { c in
            TenantSpec.ContainerLimits(
                defaultRequest: resources(c, "defaultRequest"), default: resources(c, "default"),
                min: resources(c, "min"), max: resources(c, "max"))
        }
        let pvc = m.mapping("persistentVolumeClaim", keys: ["min", "max"]).map { p in
            TenantSpec.StorageLimits(min: positive(p, "min"), max: positive(p, "max"))
        }
        return Self(container: container, persistentVolumeClaim: pvc)
    }

    private static func resources(_ m: MappingReader, _ key: String) -> TenantSpec.Resources? {
        m.mapping(key, keys: ["cpu", "memory"]).map { r in
            TenantSpec.Resources(cpu: positive(r, "cpu"), memory: positive(r, "memory"))
        }
    }

    private static func positive(_ m: MappingReader, _ key: String) -> Quantity? {
        guard let quantity = m.quantity(key) else { return nil }
        if quantity.value <= 0, let node = m.value(key) {
            m.context.error("must be greater than zero, found \(quantity)", at: node.mark, path: m.path.appending(key))
            return nil
        }
        return quantity
    }
}

extension TenantSpec.Network {
    static func read(_ m: MappingReader) -> Self {
        Self(
            isolation: m.choice("isolation", Isolation.self) ?? .strict,
            allowFrom: m.list("allowFrom") { TenantSpec.readName($0, $1, m.context) } ?? [],
            securityGroups: m.list("securityGroups") { ScalarReader.string($0, path: $1, m.context) } ?? [])
    }
}

extension TenantSpec.NodePool {
    static func read(_ m: MappingReader) -> Self? {
        let flavor = m.string("flavor", required: true)
        let nodes = m.int("nodes", required: true, minimum: 1)
        let autoscaling = m.mapping("autoscaling", keys: ["min", "max"]).flatMap { a -> TenantSpec.Autoscaling? in
            guard let min = a.int("min", required: true, minimum: 0), let max = a.int("max", required: true, minimum: 1)
            else { return nil }
            return TenantSpec.Autoscaling(min: min, max: max)
        }
        guard let flavor, let nodes else { return nil }
        return Self(flavor: flavor, nodes: nodes, autoscaling: autoscaling)
    }
}

extension TenantSpec.Budget {
    static func read(_ m: MappingReader) -> Self? {
        let monthly = m.value("monthly", required: true).flatMap {
            ScalarReader.decimal($0, path: m.path.appending("monthly"), m.context)
        }
        let currency = m.string("currency", required: true)
        if let currency, let node = m.value("currency"),
            currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase })
        {
            m.context.error(
                "\"\(currency)\" is not a currency code; use three capital letters such as USD or EUR", at: node.mark,
                path: m.path.appending("currency"))
            return nil
        }
        guard let monthly, let currency else { return nil }
        return Self(monthly: monthly, currency: currency)
    }
}
