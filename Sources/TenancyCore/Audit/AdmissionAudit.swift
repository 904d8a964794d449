import JSON

/// What `spec.admission` forbids, found on a live cluster: workloads whose images come from registries outside
/// the tenant's `registries`, and Services of types outside its `serviceTypes` (admitted before the policy, where
/// the cluster has no policy API, or — for images — a workload whose pods the policy will refuse). A namespace
/// belongs to the tenant its `tenantctl.io/tenant` label names; a tenant without a spec here, or whose spec does
/// not ask for a rule, is not checked against it. Pure: objects in, findings out.
public enum AdmissionAudit {
    public static func check(
        workloads: [JSONValue], services: [JSONValue], namespaces: [JSONValue], tenants: [TenantSpec]
    )
        -> [Finding]
    {
        let specs = Dictionary(tenants.map { ($0.name, $0) }) { first, _ in first }
        var owner: [String: TenantSpec] = [:]
        for namespace in namespaces {
            guard let name = namespace.value(at: ["metadata", "name"])?.stringValue,
                let tenant = namespace.value(at: ["metadata", "labels", Labels.tenant])?.stringValue
            else { continue }
            owner[name] = specs[tenant]
        }
        func spec(of object: JSONValue) -> TenantSpec? {
            object.value(at: ["metadata", "namespace"])?.stringValue.flatMap { owner[$0] }
        }
        var findings: [Finding] = []
        for workload in workloads {
            guard let spec = spec(of: workload), let hosts = spec.admission.registries else { continue }
            findings += images(workload, tenant: spec.name, hosts: hosts)
        }
        for service in services {
            guard let spec = spec(of: service), let types = spec.admission.serviceTypes?.map(\.rawValue) else {
                continue
            }
            let type = service.value(at: ["spec", "type"])?.stringValue ?? "ClusterIP"
            guard !types.contains(type) else { continue }
            findings.append(
                Finding(
                    check: "service-type", guidance: .g6, severity: .fail, object: Finding.describe(service),
                    message:
                        "is of type \(type), which tenant \(spec.name) does not allow (spec.admission.serviceTypes: \(types.joined(separator: ", ")))",
                    fix: types.contains("ClusterIP")
                        ? "make it a ClusterIP Service (reached through an Ingress), or allow \(type) in spec.admission.serviceTypes"
                        : "delete it, or allow \(type) in spec.admission.serviceTypes"))
        }
        return findings
    }

    /// A finding per container, init or ephemeral container whose image's registry is not among `hosts`.
    private static func images(_ workload: JSONValue, tenant: String, hosts: [String]) -> [Finding] {
        guard let pod = WorkloadRules.podSpec(of: workload) else { return [] }
        let containers = [
            ("container", "containers"), ("init container", "initContainers"),
            ("ephemeral container", "ephemeralContainers"),
        ]
        .flatMap { what, key in (pod[key]?.arrayValue ?? []).map { (what, $0) } }
        return containers.compactMap { what, container in
            guard let image = container["image"]?.stringValue else { return nil }
            let reference = ImageReference(image)
            guard !hosts.contains(reference.registry) else { return nil }
            return Finding(
                check: "image-registry", guidance: .g12, severity: .fail, object: Finding.describe(workload),
                message:
                    "\(what) \(container["name"]?.stringValue ?? "?") pulls \(image) from \(reference.registry), which tenant \(tenant) does not allow (spec.admission.registries: \(hosts.joined(separator: ", ")))",
                fix:
                    "pull it from an allowed registry (mirror it there), or add \(reference.registry) to spec.admission.registries"
            )
        }
    }
}
