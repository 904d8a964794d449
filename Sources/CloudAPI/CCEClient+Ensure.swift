import CCEModel

extension CCEClient {
    /// Creates the cluster unless one with its name exists. An existing cluster is adopted only when tagged
    /// for `tenant`; otherwise `OwnershipConflict`. A create whose outcome is unknown (response lost, 5xx,
    /// 409) is resolved by looking the name up, and repeated only when the lookup finds nothing.
    public func ensureCluster(_ cluster: CCECluster, tenant: String) async throws -> Ensured<CCECluster> {
        let name = cluster.metadata.name
        guard tenant.count <= 43 else {
            throw CCEInputError("tenant name \"\(tenant)\" is longer than a CCE tag value allows (43)")
        }
        return try await ensure(
            kind: "cluster", name: name, tenant: tenant,
            find: { try await self.findCluster(named: name) },
            owner: { (TenantOwnership.tenant(of: $0), $0.id) },
            create: { try await self.createCluster(TenantOwnership.tagged(cluster, tenant: tenant)) })
    }

    /// Creates the node pool in the cluster unless one with its name exists; adopts an existing pool only
    /// when labelled `tenantctl.io/tenant: tenant`. Lost creates are resolved as for `ensureCluster`.
    public func ensureNodePool(_ pool: CCENodePool, cluster: String, tenant: String) async throws
        -> Ensured<CCENodePool>
    {
        let name = pool.metadata.name
        return try await ensure(
            kind: "node pool", name: name, tenant: tenant,
            find: { try await self.findNodePool(named: name, cluster: cluster) },
            owner: { (TenantOwnership.tenant(of: $0), $0.id) },
            create: { try await self.createNodePool(TenantOwnership.labelled(pool, tenant: tenant), cluster: cluster) })
    }

    /// Installs the add-on unless its template is installed on the cluster already. Add-ons carry no tags: an
    /// installed one is adopted when its cluster is tagged for `tenant`, else `OwnershipConflict`.
    public func ensureAddon(_ addon: CCEAddon, tenant: String) async throws -> Ensured<CCEAddon> {
        let template = addon.spec.addonTemplateName
        let clusterID = try addon.clusterIDToSend()
        let clusterOwner = try await TenantOwnership.tenant(of: cluster(id: clusterID))
        return try await ensure(
            kind: "add-on", name: "\(template) on cluster \(clusterID)", tenant: tenant,
            find: { try await self.findAddon(templateName: template, cluster: clusterID) },
            owner: { (clusterOwner, $0.id) },
            create: { try await self.installAddon(addon) })
    }

    /// Look up, adopt or refuse, else create; after a create with an unknown outcome, look up again. What the
    /// lookup finds after such a create was created by this call (the first lookup found nothing), so it is
    /// reported as `.created`: a rollback must delete it.
    private func ensure<Value: Sendable>(
        kind: String, name: String, tenant: String,
        find: () async throws -> Value?, owner: (Value) -> (tenant: String?, id: String?),
        create: () async throws -> Value
    ) async throws -> Ensured<Value> {
        let maxCreates = 3
        var creates = 0
        while true {
            if let existing = try await find() {
                let (found, id) = owner(existing)
                guard found == tenant else {
                    throw OwnershipConflict(kind: kind, name: name, id: id, tenant: tenant, owner: found)
                }
                if creates > 0 {
                    log(.info, "\(kind) \(name) was created although the response was lost")
                    return .created(existing)
                }
                log(.info, "\(kind) \(name) exists with tenant \(tenant)'s tag; adopting it")
                return .adopted(existing)
            }
            creates += 1
            do {
                return .created(try await create())
            } catch let error as CCEError where (error.mayHaveSucceeded || error.isConflict) && creates < maxCreates {
                log(.info, "creating \(kind) \(name): \(error); looking it up before trying again")
            }
        }
    }
}
