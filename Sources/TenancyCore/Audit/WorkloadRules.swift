import JSON

/// The container hygiene (G12) and securityContext (G13) checks over workload objects: Pod, Deployment,
/// StatefulSet, DaemonSet, ReplicaSet, Job (pod template at `spec.template.spec`), CronJob
/// (`spec.jobTemplate.spec.template.spec`). Pure: objects in, findings out; passes are not reported.
public enum WorkloadRules {
    /// Host paths whose mount gives a container the node: the root, configuration, kubelet and runtime state.
    public static let sensitiveHostPaths = [
        "/", "/etc", "/root", "/home", "/boot", "/dev", "/proc", "/sys", "/var/run", "/run", "/var/lib/kubelet",
        "/var/lib/docker", "/var/lib/containerd", "/var/lib/etcd", "/etc/kubernetes", "/usr", "/bin", "/sbin", "/lib",
    ]
    /// Container runtime sockets: whoever reaches one controls every container on the node.
    public static let runtimeSockets = [
        "docker.sock", "containerd.sock", "crio.sock", "dockershim.sock", "cri-dockerd.sock",
    ]

    /// The pod spec of a workload, or nil for another kind.
    public static func podSpec(of object: JSONValue) -> JSONValue? {
        switch object["kind"]?.stringValue {
        case "Pod": return object["spec"]
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job":
            return object.value(at: ["spec", "template", "spec"])
        case "CronJob": return object.value(at: ["spec", "jobTemplate", "spec", "template", "spec"])
        default: return nil
        }
    }

    /// Every finding for `objects` (other kinds are skipped), in object order.
    public static func check(_ objects: [JSONValue]) -> [Finding] { objects.flatMap(check) }

    /// The findings for one object; none for a kind that is not a workload.
    public static func check(_ object: JSONValue) -> [Finding] {
        guard let pod = podSpec(of: object) else { return [] }
        let at = Finding.describe(object)
        var findings: [Finding] = []
        func add(_ check: String, _ guidance: Guidance, _ severity: Finding.Severity, _ message: String, _ fix: String)
        {
            findings.append(
                Finding(check: check, guidance: guidance, severity: severity, object: at, message: message, fix: fix))
        }

        // Pod-level: host namespaces and volumes.
        for (field, what) in [("hostNetwork", "network"), ("hostPID", "PID"), ("hostIPC", "IPC")]
        where pod[field]?.boolValue == true {
            add(
                "host-\(what.lowercased())", .g12, .fail, "shares the node's \(what) namespace (\(field): true)",
                "remove \(field) or set it to false")
        }
        for volume in pod["volumes"]?.arrayValue ?? [] {
            guard let path = volume.value(at: ["hostPath", "path"])?.stringValue else { continue }
            let name = volume["name"]?.stringValue ?? "?"
            if runtimeSockets.contains(where: { path.hasSuffix($0) }) {
                add(
                    "runtime-socket", .g12, .fail, "volume \(name) mounts the container runtime socket \(path)",
                    "remove the hostPath volume \(name); never give a workload the runtime socket")
            } else if isSensitive(path) {
                add(
                    "sensitive-host-path", .g12, .fail, "volume \(name) mounts the sensitive host path \(path)",
                    "remove the hostPath volume \(name) or use a PersistentVolumeClaim, ConfigMap or emptyDir")
            } else {
                add(
                    "host-path", .g12, .warn, "volume \(name) mounts the host path \(path)",
                    "use a PersistentVolumeClaim or emptyDir instead of hostPath")
            }
        }

        let podContext = pod["securityContext"] ?? [:]
        let containers =
            (pod["initContainers"]?.arrayValue ?? []).map { ($0, true) }
            + (pod["containers"]?.arrayValue ?? []).map { ($0, false) }
        for (container, isInit) in containers {
            let name = "\(isInit ? "init container" : "container") \(container["name"]?.stringValue ?? "?")"
            let context = container["securityContext"] ?? [:]
            if context["privileged"]?.boolValue == true {
                add("privileged", .g13, .fail, "\(name) runs privileged", "set securityContext.privileged: false")
            }
            let nonRoot = context["runAsNonRoot"]?.boolValue ?? podContext["runAsNonRoot"]?.boolValue
            let user = context["runAsUser"]?.intValue ?? podContext["runAsUser"]?.intValue
            if user == 0 {
                add(
                    "run-as-root", .g13, .fail, "\(name) runs as root (runAsUser: 0)",
                    "set securityContext.runAsUser to a non-zero UID and runAsNonRoot: true")
            } else if nonRoot != true {
                add(
                    "run-as-root", .g13, .fail, "\(name) may run as root (runAsNonRoot is not true)",
                    "set securityContext.runAsNonRoot: true")
            }
            if context["allowPrivilegeEscalation"]?.boolValue != false {
                add(
                    "privilege-escalation", .g13, .fail, "\(name) allows privilege escalation",
                    "set securityContext.allowPrivilegeEscalation: false")
            }
            let added = (context.value(at: ["capabilities", "add"])?.arrayValue ?? []).compactMap(\.stringValue)
            if !added.isEmpty {
                add(
                    "added-capabilities", .g13, .fail, "\(name) adds capabilities \(added.joined(separator: ", "))",
                    "remove securityContext.capabilities.add and drop ALL")
            }
            let seccomp =
                context.value(at: ["seccompProfile", "type"])?.stringValue
                ?? podContext.value(at: ["seccompProfile", "type"])?.stringValue
            if seccomp != "RuntimeDefault" && seccomp != "Localhost" {
                add(
                    "seccomp", .g13, .fail,
                    "\(name) has no seccomp profile\(seccomp.map { " (\($0))" } ?? "")",
                    "set securityContext.seccompProfile.type: RuntimeDefault")
            }
            if context["readOnlyRootFilesystem"]?.boolValue != true {
                add(
                    "writable-root-filesystem", .g13, .warn, "\(name) has a writable root filesystem",
                    "set securityContext.readOnlyRootFilesystem: true and mount emptyDir where it writes")
            }
            let limits = container.value(at: ["resources", "limits"]) ?? [:]
            let missing = ["cpu", "memory"].filter { limits[$0] == nil }
            if !missing.isEmpty {
                add(
                    "resource-limits", .g12, .fail, "\(name) has no \(missing.joined(separator: " or ")) limit",
                    "set resources.limits.\(missing.joined(separator: " and resources.limits.")) (and requests)")
            }
            if runsSSHD(container) {
                add(
                    "sshd", .g12, .fail, "\(name) runs an SSH server",
                    "remove sshd; use kubectl exec or debug containers for access")
            }
        }
        return findings
    }

    /// Whether `path` is a sensitive host path or lies under one (`/` only as itself).
    public static func isSensitive(_ path: String) -> Bool {
        var normalized = path
        while normalized.count > 1 && normalized.hasSuffix("/") { normalized.removeLast() }
        return sensitiveHostPaths.contains { prefix in
            normalized == prefix || (prefix != "/" && normalized.hasPrefix(prefix + "/"))
        }
    }

    /// An image named like an SSH server (`sshd`, `openssh`), or a command or arguments that start `sshd`.
    public static func runsSSHD(_ container: JSONValue) -> Bool {
        let image = (container["image"]?.stringValue ?? "").lowercased()
        var repository = String(image.split(separator: "@").first ?? "")
        if let colon = repository.lastIndex(of: ":"), !repository[colon...].contains("/") {
            repository = String(repository[..<colon])
        }
        if repository.contains("sshd") || repository.contains("openssh") { return true }
        let words = ((container["command"]?.arrayValue ?? []) + (container["args"]?.arrayValue ?? []))
            .compactMap(\.stringValue)
            .flatMap { $0.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "&" || $0 == "|" }) }
        return words.contains { word in word.split(separator: "/").last == "sshd" }
    }
}
