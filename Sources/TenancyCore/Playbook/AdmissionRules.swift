import JSON

/// The CEL validations of a tenant's ValidatingAdmissionPolicy: what Pod Security `restricted` does not check
/// (G11–G13). Every pod in the tenant's namespaces must select the tenant's pool and use the secure runtime when
/// the decision says so, set cpu and memory limits, run with a read-only root filesystem, and mount no
/// container-runtime socket or sensitive host path.
enum AdmissionRules {
    /// Host paths a tenant pod may never mount (or mount below).
    static let sensitiveHostPaths = [
        "/etc", "/proc", "/sys", "/dev", "/boot", "/root", "/run", "/var/run", "/var/lib/kubelet", "/var/lib/docker",
        "/var/lib/containerd", "/var/paas",
    ]

    static func validations(tenant: String, layout: Layout) -> [JSONValue] {
        var rules: [JSONValue] = []
        if layout.pool != nil {
            rules.append(
                rule(
                    "has(object.spec.nodeSelector) && '\(Labels.tenant)' in object.spec.nodeSelector && object.spec.nodeSelector['\(Labels.tenant)'] == '\(tenant)'",
                    "pods of tenant \(tenant) must select their node pool: nodeSelector \(Labels.tenant): \(tenant) (G11)"
                ))
        }
        if layout.runtime == .secure {
            rules.append(
                rule(
                    "has(object.spec.runtimeClassName) && object.spec.runtimeClassName == '\(SecureRuntime.className)'",
                    "pods of tenant \(tenant) must run in the secure runtime: runtimeClassName \(SecureRuntime.className) (G10)"
                ))
        }
        rules.append(
            rule(
                everyContainer(
                    "has(c.resources) && has(dyn(c.resources).limits) && 'cpu' in dyn(c.resources).limits && 'memory' in dyn(c.resources).limits"
                ),
                "every container needs cpu and memory limits (G12)"))
        rules.append(
            rule(
                everyContainer(
                    "has(c.securityContext) && has(c.securityContext.readOnlyRootFilesystem) && c.securityContext.readOnlyRootFilesystem == true"
                ),
                "every container needs securityContext.readOnlyRootFilesystem: true (G13)"))
        rules.append(
            rule(
                "!has(object.spec.volumes) || object.spec.volumes.all(v, !has(v.hostPath) || !(v.hostPath.path == '/' || v.hostPath.path.endsWith('.sock') || \(celList(sensitiveHostPaths)).exists(p, v.hostPath.path == p || v.hostPath.path.startsWith(p + '/'))))",
                "no hostPath volume may mount docker.sock, another runtime socket or a sensitive host path (G12)"))
        return rules
    }

    /// `predicate` (over `c`) holds for every container and init container of the pod. The lists are checked one by
    /// one, not concatenated: in the server's schema they are distinct types, and the policy's type checking
    /// (`status.typeChecking`) warns that `containers + initContainers` has no matching overload.
    ///
    /// A predicate reads `resources.limits` and `resources.requests` through `dyn(c.resources)`: they are maps of
    /// Quantity, whose schema (a string or a number) the type checker cannot type, so it reports them as undefined
    /// fields. At admission `object` is untyped, so `dyn` changes nothing there.
    static func everyContainer(_ predicate: String) -> String {
        "object.spec.containers.all(c, \(predicate)) && (!has(object.spec.initContainers) || object.spec.initContainers.all(c, \(predicate)))"
    }

    /// A CEL list of string literals (of names and paths tenantctl validated or chose: no quotes in them).
    static func celList(_ values: [String]) -> String { "[" + values.map { "'\($0)'" }.joined(separator: ", ") + "]" }

    /// A validation: the CEL `expression` must hold, else the request is refused with `message`, or with what
    /// `messageExpression` (CEL giving a string) says about the object when it can be evaluated.
    static func rule(_ expression: String, _ message: String, messageExpression: String? = nil) -> JSONValue {
        var rule: JSONValue = ["expression": .string(expression), "message": .string(message)]
        if let messageExpression { rule["messageExpression"] = .string(messageExpression) }
        return rule
    }
}
