import Foundation
import YAML

extension PriceCatalog {
    static let specKeys = [
        "currency", "region", "source", "kubernetes", "clusterFlavors", "nodeFlavors", "secureRuntime", "defaults",
        "compliance",
    ]

    /// Reads a `kind: PriceCatalog` document; every problem is reported, nil when any part is unusable.
    static func read(_ root: MappingReader) -> PriceCatalog? {
        let context = root.context
        let metadata = root.mapping("metadata", keys: ["name"], required: true)
        let name = metadata?.string("name", required: true)
        guard let spec = root.mapping("spec", keys: specKeys, required: true) else { return nil }

        let currency = spec.string("currency", required: true)
        if let currency, !Currency.isCode(currency), let node = spec.value("currency") {
            context.error(
                "\"\(currency)\" is not a currency code; use three capital letters such as USD or EUR", at: node.mark,
                path: spec.path.appending("currency"))
        }
        let region = spec.string("region", required: true)
        let source = spec.mapping("source", keys: ["date", "note"], required: true).flatMap { s -> Source? in
            s.string("date", required: true).map { Source(date: $0, note: s.string("note")) }
        }
        let kubernetes = spec.mapping("kubernetes", keys: ["minimumSupported", "latest"], required: true).flatMap(
            VersionWindow.read)
        let clusterFlavors = spec.namedEntries("clusterFlavors", required: true) { _, node, path in
            MappingReader(context, node, path: path, keys: ["hourly", "masters", "maxNodes", "confirmed"]).flatMap(
                ClusterFlavor.read)
        }
        let nodeFlavors = spec.namedEntries("nodeFlavors", required: true) { _, node, path in
            MappingReader(context, node, path: path, keys: ["kind", "cpu", "memory", "hourly", "confirmed"]).flatMap(
                NodeFlavor.read)
        }
        let secureRuntime = spec.mapping(
            "secureRuntime", keys: ["podOverhead", "minimumPod", "perCoreHour", "perGiBHour", "confirmed"],
            required: true
        )
        .flatMap(SecureRuntime.read)
        let defaults = spec.mapping(
            "defaults", keys: ["utilization", "clusterFlavor", "nodeFlavor", "secureNodeFlavor", "minNodes"],
            required: true
        )
        .flatMap {
            Defaults.read(
                $0, declared: (spec.names(in: "clusterFlavors"), spec.names(in: "nodeFlavors")),
                nodeFlavors: nodeFlavors)
        }
        let compliance =
            spec.namedEntries("compliance") { tag, node, path -> ComplianceRule? in
                if let problem = Names.dnsLabelProblem(tag) {
                    context.error("compliance tag \(problem)", at: node.mark, path: path)
                }
                return MappingReader(context, node, path: path, keys: ["requires", "description"]).flatMap(
                    ComplianceRule.read)
            } ?? [:]

        guard let name, let currency, Currency.isCode(currency), let region, let source, let kubernetes,
            let clusterFlavors,
            let nodeFlavors, let secureRuntime, let defaults
        else { return nil }
        return PriceCatalog(
            name: name, currency: currency, region: region, source: source, kubernetes: kubernetes,
            clusterFlavors: clusterFlavors, nodeFlavors: nodeFlavors, secureRuntime: secureRuntime, defaults: defaults,
            compliance: compliance)
    }
}

extension PriceCatalog.VersionWindow {
    static func read(_ m: MappingReader) -> Self? {
        let minimum = m.value("minimumSupported", required: true).flatMap {
            ClusterProfile.readVersion($0, m.path.appending("minimumSupported"), m.context)
        }
        let latest = m.value("latest", required: true).flatMap {
            ClusterProfile.readVersion($0, m.path.appending("latest"), m.context)
        }
        guard let minimum, let latest else { return nil }
        if latest < minimum, let node = m.value("latest") {
            m.context.error(
                "the latest version (\(latest)) is older than the minimum supported one (\(minimum))", at: node.mark,
                path: m.path.appending("latest"))
            return nil
        }
        return Self(minimumSupported: minimum, latest: latest)
    }
}

extension PriceCatalog.ClusterFlavor {
    static func read(_ m: MappingReader) -> Self? {
        let hourly = m.decimal("hourly", required: true)
        let masters = m.int("masters", required: true, minimum: 1)
        let maxNodes = m.int("maxNodes", required: true, minimum: 1)
        let confirmed = m.bool("confirmed") ?? false
        guard let hourly, let masters, let maxNodes else { return nil }
        return Self(hourly: hourly, masters: masters, maxNodes: maxNodes, confirmed: confirmed)
    }
}

extension PriceCatalog.NodeFlavor {
    static func read(_ m: MappingReader) -> Self? {
        let kind = m.choice("kind", Kind.self, required: true)
        let cpu = m.positiveQuantity("cpu", required: true)
        let memory = m.positiveQuantity("memory", required: true)
        let hourly = m.decimal("hourly", required: true)
        let confirmed = m.bool("confirmed") ?? false
        guard let kind, let cpu, let memory, let hourly else { return nil }
        return Self(kind: kind, cpu: cpu, memory: memory, hourly: hourly, confirmed: confirmed)
    }
}

extension PriceCatalog.SecureRuntime {
    static func read(_ m: MappingReader) -> Self? {
        func resources(_ key: String) -> TenantSpec.Resources? {
            guard let r = m.mapping(key, keys: ["cpu", "memory"], required: true) else { return nil }
            let cpu = r.positiveQuantity("cpu", required: true), memory = r.positiveQuantity("memory", required: true)
            guard let cpu, let memory else { return nil }
            return TenantSpec.Resources(cpu: cpu, memory: memory)
        }
        let overhead = resources("podOverhead"), minimum = resources("minimumPod")
        let perCore = m.decimal("perCoreHour", required: true), perGiB = m.decimal("perGiBHour", required: true)
        let confirmed = m.bool("confirmed") ?? false
        guard let overhead, let minimum, let perCore, let perGiB else { return nil }
        return Self(
            podOverhead: overhead, minimumPod: minimum, perCoreHour: perCore, perGiBHour: perGiB, confirmed: confirmed)
    }
}

extension PriceCatalog.Defaults {
    /// `declared` holds the flavor names the catalog lists (valid or not), so a default that names a broken
    /// entry is not reported a second time.
    static func read(
        _ m: MappingReader, declared: (clusters: [String]?, nodes: [String]?),
        nodeFlavors: [String: PriceCatalog.NodeFlavor]?
    ) -> Self? {
        let utilization = m.decimal("utilization", required: true)
        if let utilization, utilization <= 0 || utilization > 1, let node = m.value("utilization") {
            m.context.error(
                "must be above 0 and at most 1 (0.8 means 80%), found \(utilization)", at: node.mark,
                path: m.path.appending("utilization"))
        }
        let clusterFlavor = m.string("clusterFlavor", required: true)
        let nodeFlavor = m.string("nodeFlavor", required: true)
        let secureNodeFlavor = m.string("secureNodeFlavor", required: true)
        let minNodes = m.int("minNodes", required: true, minimum: 1)

        var known = true
        if let clusterFlavor, let names = declared.clusters {
            known = m.known("clusterFlavor", clusterFlavor, in: names, section: "clusterFlavors") && known
        }
        if let names = declared.nodes {
            for (key, flavor) in [("nodeFlavor", nodeFlavor), ("secureNodeFlavor", secureNodeFlavor)] {
                guard let flavor else { continue }
                known = m.known(key, flavor, in: names, section: "nodeFlavors") && known
            }
        }
        if let flavors = nodeFlavors {
            if let secureNodeFlavor, flavors[secureNodeFlavor]?.kind == .vm, let node = m.value("secureNodeFlavor") {
                m.context.error(
                    "\"\(secureNodeFlavor)\" is a VM flavor; the secure runtime runs only on physical (bare-metal) nodes",
                    at: node.mark, path: m.path.appending("secureNodeFlavor"))
                known = false
            }
        }
        guard known, let utilization, utilization > 0, utilization <= 1, let clusterFlavor, let nodeFlavor,
            let secureNodeFlavor,
            let minNodes
        else { return nil }
        return Self(
            utilization: utilization, clusterFlavor: clusterFlavor, nodeFlavor: nodeFlavor,
            secureNodeFlavor: secureNodeFlavor, minNodes: minNodes)
    }
}

extension PriceCatalog.ComplianceRule {
    static func read(_ m: MappingReader) -> Self? {
        let requires = m.list("requires", required: true) { node, path in
            ScalarReader.choice(node, PriceCatalog.Requirement.self, path: path, m.context)
        }
        guard let requires else { return nil }
        return Self(requires: requires, description: m.string("description"))
    }
}

/// ISO 4217 currency codes, as budgets and catalogs write them.
enum Currency {
    static func isCode(_ text: String) -> Bool { text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase } }
}
