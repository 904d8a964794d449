/// What a tenant needs, gathered from its trust level, its compliance tags and its own fields. Each need
/// keeps the reasons that raised it, so every choice made from it can say why.
struct Needs: Sendable, Hashable {
    var ownControlPlane: [Reason] = []
    var dedicatedNodes: [Reason] = []
    /// The secure runtime because the tenant is untrusted: a cluster of its own makes it unnecessary.
    var untrustedRuntime: [Reason] = []
    /// The secure runtime because the spec or a compliance tag asks for it: wherever the tenant goes.
    var requestedRuntime: [Reason] = []
    var networkIsolation: [Reason] = []
    var noAPIAccess: [Reason] = []
    /// Contradictions between the spec and what its tags require (errors), and doubtful combinations (warnings).
    var problems: [Reason] = []

    var secureRuntime: [Reason] { untrustedRuntime + requestedRuntime }

    static func gather(_ spec: TenantSpec, _ catalog: PriceCatalog) -> Needs {
        var needs = Needs()
        needs.addTrust(spec.trust)
        if spec.runtime == .secure {
            needs.requestedRuntime.append(
                Reason(.runtime, [.g10], [.spec("runtime")], "spec.runtime asks for the secure runtime"))
        }
        if spec.nodePool != nil {
            needs.dedicatedNodes.append(
                Reason(.nodes, [.g11], [.spec("nodePool")], "spec.nodePool asks for a dedicated pool"))
        }
        if spec.network.isolation == .strict {
            needs.networkIsolation.append(
                Reason(
                    .network, [.g6], [.spec("network", "isolation")],
                    "spec.network.isolation is strict: other tenants' pods must not reach this tenant's"))
        }
        for (index, tag) in spec.compliance.enumerated() {
            needs.addCompliance(tag, index: index, catalog)
        }
        needs.checkConflicts(spec)
        return needs
    }

    private mutating func addTrust(_ trust: TenantSpec.Trust) {
        let field = FieldRef.spec("trust")
        switch trust {
        case .internal:
            break
        case .partner, .external:
            dedicatedNodes.append(
                Reason(
                    .nodes, [.g11], [field],
                    "trust \(trust.rawValue): its pods share no node, and so no kernel, with other tenants' pods"))
        case .untrusted:
            dedicatedNodes.append(
                Reason(.nodes, [.g11], [field], "trust untrusted: its pods get nodes no other tenant uses"))
            untrustedRuntime.append(
                Reason(
                    .runtime, [.g10], [field],
                    "trust untrusted: its pods run in micro-VMs with a kernel of their own (the secure runtime)"))
        }
    }

    private mutating func addCompliance(_ tag: String, index: Int, _ catalog: PriceCatalog) {
        let tagField = FieldRef.spec(FieldPath("spec", "compliance").appending(index: index))
        guard let rule = catalog.compliance[tag] else {
            problems.append(Reason(.error, .isolation, [], [tagField], PriceCatalog.unknownTagMessage(tag, catalog)))
            return
        }
        let fields = [tagField, .catalog(FieldPath("spec", "compliance", tag, "requires"))]
        for requirement in rule.requires {
            let text = "compliance tag \"\(tag)\" requires \(requirement.phrase)"
            switch requirement {
            case .dedicatedControlPlane: ownControlPlane.append(Reason(.isolation, [.g9], fields, text))
            case .dedicatedNodes: dedicatedNodes.append(Reason(.nodes, [.g11], fields, text))
            case .secureRuntime: requestedRuntime.append(Reason(.runtime, [.g10], fields, text))
            case .networkIsolation: networkIsolation.append(Reason(.network, [.g6], fields, text))
            case .noAPIAccess: noAPIAccess.append(Reason(.apiServer, [.g14], fields, text))
            }
        }
    }

    private mutating func checkConflicts(_ spec: TenantSpec) {
        if spec.network.isolation == .none {
            // Only compliance tags can have raised the need here: the spec itself asked for none.
            for reason in networkIsolation {
                problems.append(
                    Reason(
                        .error, .network, [.g6], reason.fields + [.spec("network", "isolation")],
                        "\(reason.text), but spec.network.isolation is none; set it to strict"))
            }
            networkIsolation.removeAll()
            if spec.trust == .external || spec.trust == .untrusted {
                problems.append(
                    Reason(
                        .warning, .network, [.g6], [.spec("trust"), .spec("network", "isolation")],
                        "trust \(spec.trust.rawValue) with spec.network.isolation none: other tenants' pods can reach this tenant's, and its pods can reach theirs"
                    ))
            }
        }
        if spec.hostNetwork {
            problems.append(
                Reason(
                    .warning, .network, [.g12], [.spec("hostNetwork")],
                    "spec.hostNetwork is true: its pods share their nodes' network namespace, which G12 advises against; keep it to tenants that truly need it"
                ))
        }
        if spec.apiAccess {
            for reason in noAPIAccess {
                problems.append(
                    Reason(
                        .error, .apiServer, [.g14], reason.fields + [.spec("apiAccess")],
                        "\(reason.text), but spec.apiAccess is true; set it to false"))
            }
        }
    }
}

extension PriceCatalog.Requirement {
    /// The requirement in a sentence's words: "compliance tag "pci-dss" requires network isolation".
    var phrase: String {
        switch self {
        case .dedicatedControlPlane: return "a control plane no other tenant shares"
        case .dedicatedNodes: return "nodes no other tenant's pods run on"
        case .secureRuntime: return "the secure runtime"
        case .networkIsolation: return "network isolation"
        case .noAPIAccess: return "that its pods cannot reach the API server"
        }
    }
}

extension PriceCatalog {
    /// Why `tag` cannot be used: it is not in this catalog (with a suggestion).
    static func unknownTagMessage(_ tag: String, _ catalog: PriceCatalog) -> String {
        let known = catalog.compliance.keys.sorted()
        return
            "compliance tag \"\(tag)\" is not in the price catalog\(Suggestion.hint(for: tag, in: known)); known tags: \(known.joined(separator: ", "))"
    }
}
