import JSON

/// Objects a tenant's admission policies must admit or refuse: pods, claims, ingresses and Services, for an
/// ``E2ETenant`` (on a CCE cluster, so it has a pool its pods must select) whose spec has ``admission``. The
/// CEL tests evaluate every rule over all of them; the real-cluster test creates them (server-side dry run).
enum AdmissionFixtures {
    /// The spec's `admission:` value.
    static let admission =
        "{registries: [docker.io, 'registry.example.com:5000'], storageClasses: [csi-disk], ingressClasses: [nginx], tolerations: own, serviceTypes: [ClusterIP, LoadBalancer]}"

    /// A fragment of each rule's message, naming the rule that must refuse a case.
    enum Rule: String, CaseIterable {
        case pool = "(G11)", limits = "limits (G12)", readOnlyRoot = "(G13)", hostPath = "host path (G12)"
        case registries = "(spec.admission.registries)", tolerations = "(spec.admission.tolerations)"
        case storageClasses = "(spec.admission.storageClasses)", ingressClasses = "(spec.admission.ingressClasses)"
        case serviceTypes = "(spec.admission.serviceTypes)"
    }

    /// One object and the rules that refuse it (none: it is admitted).
    struct Case: CustomStringConvertible {
        var name: String
        var object: JSONValue
        var refusedBy: [Rule]
        /// Why a real API server cannot show this case as the policy sees it (nil: it can).
        var notOnACluster: String?
        /// What the refusal's message names (the image from an unlisted registry), where its rule says more than
        /// its fixed message.
        var names: String?

        var description: String { name }
    }

    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

    static func cases(tenant: String) -> [Case] {
        let own: JSONValue = [
            "key": "tenantctl.io/tenant", "operator": "Equal", "value": .string(tenant), "effect": "NoSchedule",
        ]
        func pod(
            _ name: String, image: String = "registry.example.com:5000/team/app:1.0",
            _ change: (inout Pod) -> Void = { _ in }
        )
            -> JSONValue
        {
            var pod = Pod(image: image, tolerations: [own])
            change(&pod)
            return pod.object(name: name, tenant: tenant)
        }
        let nodeConditions: [JSONValue] = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"].map {
            ["key": .string($0), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300]
        }
        var cases = [
            Case(name: "image nginx", object: pod("nginx", image: "nginx"), refusedBy: []),
            Case(name: "image nginx:1.27", object: pod("nginx-tag", image: "nginx:1.27"), refusedBy: []),
            Case(
                name: "image docker.io/library/nginx", object: pod("docker-hub", image: "docker.io/library/nginx"),
                refusedBy: []),
            Case(
                name: "image index.docker.io/library/nginx:1.27",
                object: pod("index", image: "index.docker.io/library/nginx:1.27"), refusedBy: []),
            Case(
                name: "image team/app:1.0 (Docker Hub)", object: pod("hub-team", image: "team/app:1.0"), refusedBy: []),
            Case(
                name: "image registry.example.com:5000/team/app@sha256:…",
                object: pod("digest", image: "registry.example.com:5000/team/app@\(digest)"), refusedBy: []),
            Case(
                name: "image localhost/x", object: pod("localhost", image: "localhost/x"), refusedBy: [.registries],
                names: "image localhost/x is refused"),
            Case(
                name: "image from an unlisted registry", object: pod("quay", image: "quay.io/team/app:1.0"),
                refusedBy: [.registries], names: "image quay.io/team/app:1.0 is refused"),
            Case(
                name: "image from the listed host without its port",
                object: pod("no-port", image: "registry.example.com/team/app"),
                refusedBy: [.registries], names: "image registry.example.com/team/app is refused"),
            Case(
                name: "image Team/app (an uppercase first component is a host)",
                object: pod("upper", image: "Team/app"), refusedBy: [.registries], names: "image Team/app is refused"),
            Case(
                name: "init container from an unlisted registry",
                object: pod("init") { $0.initImage = "ghcr.io/team/init:1" }, refusedBy: [.registries],
                names: "image ghcr.io/team/init:1 is refused"),
            Case(
                name: "ephemeral container from an unlisted registry",
                object: pod("debug") { $0.ephemeralImage = "quay.io/team/debug:1" }, refusedBy: [.registries],
                notOnACluster:
                    "ephemeral containers join a running pod through pods/ephemeralcontainers; a create cannot carry them",
                names: "image quay.io/team/debug:1 is refused"),
            Case(
                name: "tolerations of node conditions, as DefaultTolerationSeconds adds them",
                object: pod("conditions") { $0.tolerations += nodeConditions }, refusedBy: []),
            Case(name: "no tolerations", object: pod("untolerated") { $0.tolerations = [] }, refusedBy: []),
            Case(
                name: "tolerates CriticalAddonsOnly (the system pool)",
                object: pod("system") { $0.tolerations.append(["key": "CriticalAddonsOnly", "operator": "Exists"]) },
                refusedBy: [.tolerations]),
            Case(
                name: "tolerates another tenant's taint",
                object: pod("foreign") {
                    $0.tolerations = [["key": "tenantctl.io/tenant", "value": "someone-else", "effect": "NoSchedule"]]
                },
                refusedBy: [.tolerations]),
            Case(
                name: "tolerates every tenant's taint",
                object: pod("every-tenant") {
                    $0.tolerations = [["key": "tenantctl.io/tenant", "operator": "Exists"]]
                },
                refusedBy: [.tolerations]),
            Case(
                name: "tolerates every taint", object: pod("everything") { $0.tolerations = [["operator": "Exists"]] },
                refusedBy: [.tolerations]),
            Case(
                name: "an unlisted registry and the system pool",
                object: pod("both", image: "quay.io/x/y") {
                    $0.tolerations.append(["key": "CriticalAddonsOnly", "operator": "Exists"])
                },
                refusedBy: [.registries, .tolerations], names: "image quay.io/x/y is refused"),
            Case(name: "no node selector", object: pod("anywhere") { $0.selectsPool = false }, refusedBy: [.pool]),
            Case(
                name: "writable root filesystem", object: pod("writable") { $0.readOnlyRoot = false },
                refusedBy: [.readOnlyRoot]),
            Case(
                name: "no limits", object: pod("unlimited") { $0.limits = false }, refusedBy: [.limits],
                notOnACluster: "the tenant's LimitRange fills in default limits before the policy sees the pod"),
            Case(
                name: "hostPath to the runtime socket", object: pod("socket") { $0.hostPath = "/var/run/docker.sock" },
                refusedBy: [.hostPath], notOnACluster: "Pod Security restricted refuses every hostPath volume first"),
        ]
        cases += [
            Case(name: "claim of a listed class", object: claim("disk", storageClass: "csi-disk"), refusedBy: []),
            Case(
                name: "claim of an unlisted class", object: claim("nas", storageClass: "csi-nas"),
                refusedBy: [.storageClasses]),
            Case(
                name: "claim of no class (\"\")", object: claim("static", storageClass: ""),
                refusedBy: [.storageClasses]),
            Case(
                name: "claim without storageClassName", object: claim("default", storageClass: nil),
                refusedBy: [.storageClasses],
                notOnACluster: "the DefaultStorageClass admission plugin writes the cluster's default class in first"),
            Case(name: "ingress of a listed class", object: ingress("listed", className: "nginx"), refusedBy: []),
            Case(
                name: "ingress of a listed class by annotation", object: ingress("annotated", annotation: "nginx"),
                refusedBy: []),
            Case(
                name: "ingress of an unlisted class", object: ingress("traefik", className: "traefik"),
                refusedBy: [.ingressClasses]),
            Case(
                name: "ingress of an unlisted class by annotation",
                object: ingress("traefik-annotated", annotation: "traefik"),
                refusedBy: [.ingressClasses]),
            Case(
                name: "ingress without a class", object: ingress("classless"), refusedBy: [.ingressClasses],
                notOnACluster:
                    "the DefaultIngressClass admission plugin writes the cluster's default class in first, if it has one"
            ),
            Case(name: "Service without a type (ClusterIP)", object: service("plain", type: nil), refusedBy: []),
            Case(
                name: "Service of type LoadBalancer", object: service("balanced", type: "LoadBalancer"), refusedBy: []),
            Case(
                name: "Service of type NodePort", object: service("node-port", type: "NodePort"),
                refusedBy: [.serviceTypes]),
            Case(
                name: "Service of type ExternalName", object: service("external", type: "ExternalName"),
                refusedBy: [.serviceTypes]),
        ]
        return cases
    }

    /// A pod that passes Pod Security `restricted` and every rule, unless changed.
    struct Pod {
        var image: String
        var tolerations: [JSONValue]
        var initImage: String?
        var ephemeralImage: String?
        var selectsPool = true
        var readOnlyRoot = true
        var limits = true
        var hostPath: String?

        func object(name: String, tenant: String) -> JSONValue {
            func container(_ name: String, _ image: String) -> JSONValue {
                var container: JSONValue = [
                    "name": .string(name), "image": .string(image),
                    "securityContext": [
                        "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": .bool(readOnlyRoot),
                        "capabilities": ["drop": ["ALL"]],
                    ],
                ]
                if limits {
                    container["resources"] = [
                        "limits": ["cpu": "100m", "memory": "64Mi"], "requests": ["cpu": "50m", "memory": "32Mi"],
                    ]
                }
                if hostPath != nil { container["volumeMounts"] = [["name": "host", "mountPath": "/host"]] }
                return container
            }
            var spec: JSONValue = [
                "securityContext": [
                    "runAsNonRoot": true, "runAsUser": 1000, "seccompProfile": ["type": "RuntimeDefault"],
                ],
                "containers": [container("app", image)],
                "tolerations": .array(tolerations),
            ]
            if selectsPool { spec["nodeSelector"] = ["tenantctl.io/tenant": .string(tenant)] }
            if let initImage { spec["initContainers"] = [container("init", initImage)] }
            if let ephemeralImage { spec["ephemeralContainers"] = [container("debug", ephemeralImage)] }
            if let hostPath { spec["volumes"] = [["name": "host", "hostPath": ["path": .string(hostPath)]]] }
            return ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)], "spec": spec]
        }
    }

    static func claim(_ name: String, storageClass: String?) -> JSONValue {
        var spec: JSONValue = ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]]
        if let storageClass { spec["storageClassName"] = .string(storageClass) }
        return ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": .string(name)], "spec": spec]
    }

    static func ingress(_ name: String, className: String? = nil, annotation: String? = nil) -> JSONValue {
        var spec: JSONValue = [
            "rules": [
                [
                    "host": "shop.example.com",
                    "http": [
                        "paths": [
                            [
                                "path": "/", "pathType": "Prefix",
                                "backend": ["service": ["name": "web", "port": ["number": 80]]],
                            ]
                        ]
                    ],
                ]
            ]
        ]
        if let className { spec["ingressClassName"] = .string(className) }
        var metadata: JSONValue = ["name": .string(name)]
        if let annotation { metadata["annotations"] = ["kubernetes.io/ingress.class": .string(annotation)] }
        return ["apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": metadata, "spec": spec]
    }

    static func service(_ name: String, type: String?) -> JSONValue {
        var spec: JSONValue = ["ports": [["port": 80, "targetPort": 8080]], "selector": ["app": "web"]]
        if type == "ExternalName" { spec = ["externalName": "shop.example.com"] }
        if let type { spec["type"] = .string(type) }
        return ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)], "spec": spec]
    }

    /// The resource a policy's `resourceRules` name for `object`'s kind.
    static func resource(of object: JSONValue) -> String? {
        [
            "Pod": "pods", "PersistentVolumeClaim": "persistentvolumeclaims", "Ingress": "ingresses",
            "Service": "services",
        ][
            object["kind"]?.stringValue ?? ""]
    }
}
