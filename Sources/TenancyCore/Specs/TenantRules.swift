/// Rules that relate fields of one tenant spec to each other.
enum TenantRules {
    static func check(_ spec: TenantSpec, _ map: SourceMap) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let specPath = FieldPath("spec")

        var seen: Set<String> = []
        for (index, namespace) in spec.namespaces.enumerated() {
            let path = specPath.appending("namespaces").appending(index: index)
            if Names.reservedNamespaces.contains(namespace) {
                found.append(
                    map.diagnostic(
                        at: path, "\"\(namespace)\" belongs to the cluster itself and cannot be a tenant namespace"))
            } else if !seen.insert(namespace).inserted {
                found.append(map.diagnostic(at: path, "namespace \"\(namespace)\" is listed twice"))
            }
        }

        found += QuotaShareRules.check(spec, map)
        if let container = spec.limits?.container {
            found += containerOrder(container, map)
            let limitsPath = specPath.appending("limits").appending("container").appending("max")
            for (resource, max, quota) in [
                ("cpu", container.max?.cpu, spec.quota.cpu), ("memory", container.max?.memory, spec.quota.memory),
            ] {
                if let max, quota < max {
                    found.append(
                        map.diagnostic(
                            at: specPath.appending("quota").appending(resource),
                            "the quota (\(quota)) is below a single container's maximum (\(max) at \(limitsPath.appending(resource))); no container at the maximum could start"
                        ))
                }
            }
        }
        if let pvc = spec.limits?.persistentVolumeClaim {
            let pvcPath = specPath.appending("limits").appending("persistentVolumeClaim")
            if let min = pvc.min, let max = pvc.max, min > max {
                found.append(map.diagnostic(at: pvcPath.appending("min"), "min (\(min)) is greater than max (\(max))"))
            }
            if let max = pvc.max, spec.quota.storage < max {
                found.append(
                    map.diagnostic(
                        at: specPath.appending("quota").appending("storage"),
                        "the storage quota (\(spec.quota.storage)) is below a single claim's maximum (\(max) at \(pvcPath.appending("max")))"
                    ))
            }
        }
        if let pool = spec.nodePool, let scaling = pool.autoscaling {
            let poolPath = specPath.appending("nodePool")
            if scaling.min > scaling.max {
                found.append(
                    map.diagnostic(
                        at: poolPath.appending("autoscaling").appending("min"),
                        "min (\(scaling.min)) is greater than max (\(scaling.max))"))
            } else if !(scaling.min...scaling.max).contains(pool.nodes) {
                found.append(
                    map.diagnostic(
                        at: poolPath.appending("nodes"),
                        "\(pool.nodes) nodes is outside the autoscaling range \(scaling.min)–\(scaling.max)"))
            }
        }
        for (index, tag) in spec.compliance.enumerated() where Names.dnsLabelProblem(tag) != nil {
            found.append(
                map.diagnostic(
                    at: specPath.appending("compliance").appending(index: index),
                    "\"\(tag)\" is not a compliance tag: use lowercase letters, digits and '-', such as pci-dss"))
        }
        if spec.network.isolation == .none, !spec.network.allowFrom.isEmpty {
            found.append(
                map.diagnostic(
                    .warning, at: specPath.appending("network").appending("allowFrom"),
                    "allowFrom has no effect when network isolation is none"))
        }
        let groups = spec.network.securityGroups
        if groups.count > 5 {
            found.append(
                map.diagnostic(
                    at: specPath.appending("network").appending("securityGroups"),
                    "\(groups.count) security groups; CCE binds at most 5 to a pod"))
        }
        for (index, id) in groups.enumerated()
        where id.isEmpty || !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            found.append(
                map.diagnostic(
                    at: specPath.appending("network").appending("securityGroups").appending(index: index),
                    "\"\(id)\" is not a security group ID (letters, digits and '-', such as 5f1b9a3e-…)"))
        }
        if let types = spec.admission.serviceTypes, !types.isEmpty, !types.contains(.clusterIP) {
            found.append(
                map.diagnostic(
                    .warning, at: specPath.appending("admission").appending("serviceTypes"),
                    "ClusterIP is not listed: every ordinary Service of the tenant, headless ones too, will be refused")
            )
        }
        return found
    }

    /// min ≤ defaultRequest ≤ default ≤ max, for cpu and memory, wherever both sides are given.
    private static func containerOrder(_ c: TenantSpec.ContainerLimits, _ map: SourceMap) -> [Diagnostic] {
        let base = FieldPath("spec", "limits", "container")
        let levels: [(String, TenantSpec.Resources?)] = [
            ("min", c.min), ("defaultRequest", c.defaultRequest), ("default", c.default), ("max", c.max),
        ]
        var found: [Diagnostic] = []
        for resource in ["cpu", "memory"] {
            let values = levels.compactMap { name, r -> (String, Quantity)? in
                guard let q = resource == "cpu" ? r?.cpu : r?.memory else { return nil }
                return (name, q)
            }
            for (lower, higher) in zip(values, values.dropFirst()) where lower.1 > higher.1 {
                found.append(
                    map.diagnostic(
                        at: base.appending(lower.0).appending(resource),
                        "\(lower.0) \(resource) (\(lower.1)) must not exceed \(higher.0) \(resource) (\(higher.1)); the order is min ≤ defaultRequest ≤ default ≤ max"
                    ))
            }
        }
        return found
    }
}
