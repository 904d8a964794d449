/// The least share of a resource the spec's limits allow: one container at `limits.container.max` (cpu, memory),
/// one claim at `limits.persistentVolumeClaim.max` (storage). A smaller share could never admit it.
struct QuotaFloor {
    let resource: QuotaResource
    let units: Int64
    /// `a single container's maximum`.
    let what: String
    let path: FieldPath

    static func floors(_ spec: TenantSpec) -> [QuotaFloor] {
        let container = FieldPath("spec", "limits", "container", "max")
        let candidates: [(QuotaResource, Quantity?, String, FieldPath)] = [
            (.cpu, spec.limits?.container?.max?.cpu, "a single container's maximum", container.appending("cpu")),
            (
                .memory, spec.limits?.container?.max?.memory, "a single container's maximum",
                container.appending("memory")
            ),
            (
                .storage, spec.limits?.persistentVolumeClaim?.max, "a single claim's maximum",
                FieldPath("spec", "limits", "persistentVolumeClaim", "max")
            ),
        ]
        return candidates.compactMap { resource, max, what, path in
            max.flatMap { resource.units($0) }.map { QuotaFloor(resource: resource, units: $0, what: what, path: path) }
        }
    }
}
