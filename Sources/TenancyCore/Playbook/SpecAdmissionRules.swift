import JSON

/// The CEL validations `spec.admission` asks for, each only when its field is given, each message naming the
/// tenant and the field. Pods: images from the listed registries (containers, init and ephemeral containers; the
/// host read as ``ImageReference`` reads it) and tolerations of the tenant's own taint only. Other kinds get a
/// policy each: PersistentVolumeClaims (storage classes), Ingresses (ingress classes), Services (types).
///
/// The rules use standard CEL only (macros, `has`, `in`, `startsWith`, RE2 `matches`), which every
/// kube-apiserver with ValidatingAdmissionPolicy evaluates. Workloads' pod templates are not checked: the policy
/// matches pods, so a Deployment with a refused image is stored and its pods are refused (`tenantctl audit` reports it).
enum SpecAdmissionRules {
    /// Taints the node lifecycle controller sets for a node's condition. Tolerating them never crosses a tenant's
    /// boundary (another tenant's nodes still carry that tenant's taint), and Kubernetes adds them itself: the
    /// DefaultTolerationSeconds admission plugin `not-ready` and `unreachable` to every pod, the DaemonSet
    /// controller the rest to its pods.
    static let nodeConditionTaints = [
        "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/unschedulable",
        "node.kubernetes.io/memory-pressure", "node.kubernetes.io/disk-pressure", "node.kubernetes.io/pid-pressure",
        "node.kubernetes.io/network-unavailable",
    ]

    /// The validations added to the tenant's pod policy.
    static func podRules(_ spec: TenantSpec) -> [JSONValue] {
        var rules: [JSONValue] = []
        if let hosts = spec.admission.registries { rules.append(registries(spec.name, hosts)) }
        if spec.admission.tolerations == .own { rules.append(ownTolerations(spec.name)) }
        return rules
    }

    /// The resources the pod policy matches: ephemeral containers arrive through their own subresource, so it is
    /// matched when a rule reads them.
    static func podResources(_ spec: TenantSpec) -> [String] {
        spec.admission.registries == nil ? ["pods"] : ["pods", "pods/ephemeralcontainers"]
    }

    /// One policy per other kind the spec restricts: `{metadata: {name}, resourceRules, validations}`.
    static func objectPolicies(_ spec: TenantSpec) -> [JSONValue] {
        let tenant = spec.name, admission = spec.admission
        var policies: [JSONValue] = []
        if let classes = admission.storageClasses {
            policies.append(
                policy(
                    "tenantctl-\(tenant)-claims", group: "", resource: "persistentvolumeclaims",
                    storageClasses(tenant, classes)))
        }
        if let classes = admission.ingressClasses {
            policies.append(
                policy(
                    "tenantctl-\(tenant)-ingresses", group: "networking.k8s.io", resource: "ingresses",
                    ingressClasses(tenant, classes)))
        }
        if let types = admission.serviceTypes {
            policies.append(
                policy(
                    "tenantctl-\(tenant)-services", group: "", resource: "services",
                    serviceTypes(tenant, types.map(\.rawValue))))
        }
        return policies
    }

    /// What the spec's rules would refuse, for the plan's note when the cluster cannot enforce them.
    static func refusals(_ admission: TenantSpec.Admission) -> [String] {
        [
            admission.registries.map { _ in "images from other registries" },
            admission.tolerations == .own ? "tolerations of other taints" : nil,
            admission.storageClasses.map { _ in "claims of other storage classes" },
            admission.ingressClasses.map { _ in "ingresses of other classes" },
            admission.serviceTypes.map { _ in "Services of other types" },
        ].compactMap { $0 }
    }

    /// Every image's registry host is listed. Docker Hub, when listed, also takes every name whose first
    /// component is no host (`nginx`, `team/app`) and its old name `index.docker.io`. A refusal names the first
    /// image from elsewhere (containers, then init and ephemeral containers); each list is filtered on its own and
    /// only their images are joined, as the lists are distinct types in the server's schema.
    static func registries(_ tenant: String, _ hosts: [String]) -> JSONValue {
        var prefixes = hosts
        var clauses: [String] = []
        if hosts.contains(ImageReference.dockerHub) {
            prefixes.append(ImageReference.legacyDockerHub)
            clauses.append("(!c.image.matches('^[^/]*[.:A-Z][^/]*/') && !c.image.startsWith('localhost/'))")
        }
        clauses.append("\(AdmissionRules.celList(prefixes)).exists(r, c.image.startsWith(r + '/'))")
        let allowed = clauses.joined(separator: " || ")
        let refused = [
            "object.spec.containers.filter(c, !(\(allowed))).map(c, c.image)",
            "(has(object.spec.initContainers) ? object.spec.initContainers.filter(c, !(\(allowed))).map(c, c.image) : [])",
            "(has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers.filter(c, !(\(allowed))).map(c, c.image) : [])",
        ].joined(separator: " + ")
        let rule = "must pull its image from \(either(hosts)) (spec.admission.registries)"
        // Ephemeral containers are another type in the server's schema: a list of their own, as init containers are.
        return AdmissionRules.rule(
            "\(AdmissionRules.everyContainer(allowed)) && (!has(object.spec.ephemeralContainers) || object.spec.ephemeralContainers.all(c, \(allowed)))",
            "tenant \(tenant): every container, init container and ephemeral container \(rule)",
            messageExpression: "'tenant \(tenant): image ' + (\(refused))[0] + ' is refused: every container \(rule)'")
    }

    /// Every toleration is of the tenant's own pool taint (key, `Equal`, its name) or of a node condition.
    static func ownTolerations(_ tenant: String) -> JSONValue {
        AdmissionRules.rule(
            "!has(object.spec.tolerations) || object.spec.tolerations.all(t, has(t.key) && ((t.key == '\(Labels.tenant)' && (!has(t.operator) || t.operator == 'Equal') && has(t.value) && t.value == '\(tenant)') || t.key in \(AdmissionRules.celList(nodeConditionTaints))))",
            "tenant \(tenant): pods may tolerate only their own pool's taint \(Labels.tenant)=\(tenant) and node conditions (node.kubernetes.io/…), never another tenant's or the system pool's (spec.admission.tolerations)"
        )
    }

    /// The claim names a listed class. A claim without one is refused: the DefaultStorageClass admission plugin
    /// has already written the cluster's default class into it when there is one, so it passes exactly when the
    /// default is listed; without a default, no rule can see which class it would get later.
    static func storageClasses(_ tenant: String, _ classes: [String]) -> JSONValue {
        AdmissionRules.rule(
            "has(object.spec.storageClassName) && object.spec.storageClassName in \(AdmissionRules.celList(classes))",
            "tenant \(tenant): a PersistentVolumeClaim must set storageClassName to \(either(classes)) (spec.admission.storageClasses)"
        )
    }

    /// The Ingress names a listed class in `spec.ingressClassName` or the deprecated annotation, and whichever of
    /// them it sets is listed. A class-less Ingress is refused, as a class-less claim is (the DefaultIngressClass
    /// admission plugin fills in the default class first).
    static func ingressClasses(_ tenant: String, _ classes: [String]) -> JSONValue {
        let annotated =
            "has(object.metadata.annotations) && 'kubernetes.io/ingress.class' in object.metadata.annotations"
        return AdmissionRules.rule(
            "(has(object.spec.ingressClassName) || (\(annotated))) && (!has(object.spec.ingressClassName) || object.spec.ingressClassName in \(AdmissionRules.celList(classes))) && (!(\(annotated)) || object.metadata.annotations['kubernetes.io/ingress.class'] in \(AdmissionRules.celList(classes)))",
            "tenant \(tenant): an Ingress must name the ingress class \(either(classes)) in spec.ingressClassName (or the kubernetes.io/ingress.class annotation) (spec.admission.ingressClasses)"
        )
    }

    /// The Service's type (ClusterIP when unset) is listed.
    static func serviceTypes(_ tenant: String, _ types: [String]) -> JSONValue {
        AdmissionRules.rule(
            "(has(object.spec.type) ? object.spec.type : 'ClusterIP') in \(AdmissionRules.celList(types))",
            "tenant \(tenant): a Service must be of type \(either(types)) (spec.admission.serviceTypes)")
    }

    private static func policy(_ name: String, group: String, resource: String, _ validation: JSONValue) -> JSONValue {
        [
            "metadata": ["name": .string(name)],
            "resourceRules": [
                [
                    "apiGroups": [.string(group)], "apiVersions": ["v1"], "operations": ["CREATE", "UPDATE"],
                    "resources": [.string(resource)],
                ]
            ],
            "validations": [validation],
        ]
    }

    /// `a`, `a or b`, `a, b or c`.
    private static func either(_ values: [String]) -> String {
        values.count < 2 ? values.joined() : values.dropLast().joined(separator: ", ") + " or " + (values.last ?? "")
    }
}
