/// Rules that relate documents to each other: namespaces claimed once, known clusters, one currency.
enum WorkspaceRules {
    static func check(_ workspace: Workspace, _ options: LoadOptions) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var tenantNames: [String: LoadedTenant] = [:]
        var claims: [String: LoadedTenant] = [:]
        for tenant in workspace.tenants {
            let spec = tenant.spec, map = tenant.source
            if let first = tenantNames[spec.name] {
                found.append(
                    map.diagnostic(
                        at: FieldPath("metadata", "name"),
                        "tenant \"\(spec.name)\" is already defined in \(first.source.file):\(first.source.mark(of: FieldPath("metadata", "name")))"
                    ))
            } else {
                tenantNames[spec.name] = tenant
            }
            // Each namespace once, where the spec first lists it (a repeat is TenantRules' "listed twice").
            var listed: Set<String> = []
            for (index, namespace) in spec.namespaces.enumerated() where listed.insert(namespace).inserted {
                if let owner = claims[namespace], owner.spec.name != spec.name {
                    found.append(
                        map.diagnostic(
                            at: FieldPath("spec", "namespaces").appending(index: index),
                            "namespace \"\(namespace)\" is already claimed by tenant \"\(owner.spec.name)\" (\(owner.source.file)); a namespace belongs to one tenant"
                        ))
                } else {
                    claims[namespace] = tenant
                }
            }
            found += clusterCheck(tenant, workspace)
            if let budget = spec.budget, let currency = options.catalogCurrency, budget.currency != currency {
                found.append(
                    map.diagnostic(
                        at: FieldPath("spec", "budget", "currency"),
                        "the budget is in \(budget.currency) but the price catalog is in \(currency); estimates could not be compared with it"
                    ))
            }
        }
        return found
    }

    private static func clusterCheck(_ tenant: LoadedTenant, _ workspace: Workspace) -> [Diagnostic] {
        let path = FieldPath("spec", "cluster")
        guard let inventory = workspace.inventory else {
            return [
                tenant.source.diagnostic(
                    at: path,
                    "no cluster inventory was loaded to look up \"\(tenant.spec.cluster)\"; put clusters.yaml beside the specs or pass --inventory"
                )
            ]
        }
        guard inventory.cluster(named: tenant.spec.cluster) == nil else { return [] }
        if inventory.invalid.contains(tenant.spec.cluster) {
            return [
                tenant.source.diagnostic(
                    at: path,
                    "cluster \"\(tenant.spec.cluster)\" cannot be used until its inventory entry is fixed (its errors are reported there)"
                )
            ]
        }
        let names = inventory.clusters.map(\.name)
        return [
            tenant.source.diagnostic(
                at: path,
                "cluster \"\(tenant.spec.cluster)\" is not in the inventory\(Suggestion.hint(for: tenant.spec.cluster, in: names)); known clusters: \(names.joined(separator: ", "))"
            )
        ]
    }
}
