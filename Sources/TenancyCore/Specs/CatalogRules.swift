/// Rules that relate tenant specs to the price catalog: every compliance tag must be one the catalog maps
/// to requirements. (The budget currency is checked with the other workspace rules.)
enum CatalogRules {
    static func check(_ workspace: Workspace, _ options: LoadOptions) -> [Diagnostic] {
        guard let catalog = options.catalog else { return [] }
        var found: [Diagnostic] = []
        for tenant in workspace.tenants {
            for (index, tag) in tenant.spec.compliance.enumerated() where catalog.compliance[tag] == nil {
                found.append(
                    tenant.source.diagnostic(
                        at: FieldPath("spec", "compliance").appending(index: index),
                        PriceCatalog.unknownTagMessage(tag, catalog)))
            }
        }
        return found
    }
}

extension LoadOptions {
    /// These options, or, when they name no catalog and the files held one, options with that catalog.
    func resolved(with workspace: Workspace) -> LoadOptions {
        guard catalog == nil, let found = workspace.catalog else { return self }
        return LoadOptions(catalogCurrency: catalogCurrency, catalog: found)
    }
}
