import Foundation

/// The secure (Kata) runtime's constraints on a tenant that uses it: physical nodes, no host network,
/// request = limit, a minimum pod size, and the per-pod overhead charged to the quota.
///
/// Request = limit is checked on the LimitRange defaults and reported as an error to fix in the spec, not
/// adjusted: quietly raising requests would change what the tenant is charged and can schedule.
enum SecureRuntimeRule {
    static func check(_ spec: TenantSpec, _ pool: Layout.Pool?, _ catalog: PriceCatalog) -> [Reason] {
        var found: [Reason] = []
        let runtime = catalog.secureRuntime
        if let pool, let flavor = catalog.nodeFlavors[pool.flavor], flavor.kind == .vm {
            let physical = catalog.nodeFlavors.filter { $0.value.kind == .physical }.keys.sorted()
            let field: FieldRef =
                pool.origin == .spec
                ? .spec("nodePool", "flavor") : .catalog(FieldPath("spec", "defaults", "secureNodeFlavor"))
            found.append(
                Reason(
                    .error, .runtime, [.g10], [field],
                    "the secure runtime runs only on physical (bare-metal) nodes, and \(pool.flavor) is a VM flavor\(physical.isEmpty ? "" : "; use one such as \(physical.joined(separator: ", "))")"
                ))
        }
        if spec.hostNetwork {
            found.append(
                Reason(
                    .error, .runtime, [.g10, .g12], [.spec("hostNetwork"), .spec("runtime")],
                    "the secure runtime cannot run pods on the host network, and spec.hostNetwork is true; drop one of the two"
                ))
        }
        found += requestEqualsLimit(spec)
        if let defaults = spec.limits?.container?.default {
            for (resource, value, minimum) in [
                ("cpu", defaults.cpu, runtime.minimumPod.cpu), ("memory", defaults.memory, runtime.minimumPod.memory),
            ] {
                guard let value, let minimum, value < minimum else { continue }
                found.append(
                    Reason(
                        .warning, .runtime, [.g10],
                        [
                            .spec("limits", "container", "default"),
                            .catalog(FieldPath("spec", "secureRuntime", "minimumPod", resource)),
                        ],
                        "a pod of one container at the default \(resource) (\(value)) is below the secure runtime's minimum pod of \(minimum)"
                    ))
            }
        }
        if let cpu = runtime.podOverhead.cpu, let memory = runtime.podOverhead.memory {
            let pods = Decimal(spec.quota.pods)
            found.append(
                Reason(
                    .runtime, [.g10, .g4],
                    [.spec("quota", "pods"), .catalog(FieldPath("spec", "secureRuntime", "podOverhead"))],
                    "each pod's micro-VM adds \(cpu) CPU and \(memory) to its requests, charged to the quota: at \(spec.quota.pods) pods, \(DecimalFormat.trimmed(pods * cpu.value)) CPU and \(DecimalFormat.gibibytes(pods * memory.value))"
                ))
        }
        return found
    }

    /// Kata pods need requests equal to limits; containers that state neither get the LimitRange defaults,
    /// so `default` must be set and `defaultRequest`, where given, must equal it.
    private static func requestEqualsLimit(_ spec: TenantSpec) -> [Reason] {
        let container = spec.limits?.container
        var found: [Reason] = []
        for resource in ["cpu", "memory"] {
            let limit = resource == "cpu" ? container?.default?.cpu : container?.default?.memory
            let request = resource == "cpu" ? container?.defaultRequest?.cpu : container?.defaultRequest?.memory
            let defaultField = FieldRef.spec("limits", "container", "default", resource)
            guard let limit else {
                found.append(
                    Reason(
                        .error, .runtime, [.g10, .g5], [defaultField],
                        "the secure runtime needs request = limit: set spec.limits.container.default.\(resource) (and defaultRequest.\(resource) to the same value) so containers that state no resources get equal ones"
                    ))
                continue
            }
            if let request, request != limit {
                found.append(
                    Reason(
                        .error, .runtime, [.g10, .g5],
                        [.spec("limits", "container", "defaultRequest", resource), defaultField],
                        "the secure runtime needs request = limit, but spec.limits.container.defaultRequest.\(resource) (\(request)) differs from default.\(resource) (\(limit)); set both to the same value"
                    ))
            }
        }
        return found
    }
}
