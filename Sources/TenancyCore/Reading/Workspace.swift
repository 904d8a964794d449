/// A file handed to the loader: its path as the user named it, and its bytes. The core never reads files itself.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// A tenant spec read from a file, with the positions of its fields.
public struct LoadedTenant: Sendable {
    public var spec: TenantSpec
    public var source: SourceMap
}

/// Everything read from a set of files: tenants, the cluster inventory, and every problem found.
public struct Workspace: Sendable {
    public var tenants: [LoadedTenant] = []
    public var inventory: ClusterInventory?
    public var inventorySource: SourceMap?
    public var catalog: PriceCatalog?
    public var catalogSource: SourceMap?
    /// Playbooks, each with its own source map.
    public var playbooks: [Playbook] = []
    public var diagnostics: [Diagnostic] = []

    public init() {}
}

/// What the loader checks specs against, besides the files themselves.
public struct LoadOptions: Sendable {
    /// The currency of the price catalog; a tenant budget in another currency is an error.
    public var catalogCurrency: String?
    /// The price catalog: compliance tags must be among its tags.
    public var catalog: PriceCatalog?

    public init(catalogCurrency: String? = nil, catalog: PriceCatalog? = nil) {
        self.catalogCurrency = catalogCurrency ?? catalog?.currency
        self.catalog = catalog
    }
}
