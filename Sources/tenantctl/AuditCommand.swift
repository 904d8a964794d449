import ArgumentParser
import Engine
import Foundation
import KubeAPI
import TenancyCore

/// `tenantctl audit`: checks manifests (`--file`, offline) or a live cluster against the guidance (G1–G14).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check manifests or a live cluster against the security guidance (G1–G14).",
        discussion: """
            With --file, lints the workloads in the manifests (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
            Job, CronJob) without touching a cluster: privileged containers, root users, host namespaces,
            sensitive hostPath and runtime-socket mounts, missing limits, writable root filesystems, missing
            seccomp profiles, added capabilities, privilege escalation, sshd (G12, G13).

            Without --file, reads the cluster (the current context, or --cluster from the inventory) and also
            checks the version against the catalog's supported window (G1), default ServiceAccount tokens (G2),
            tenant RBAC (G3), quotas, limit ranges and network policies per namespace (G4–G6), kubelet
            authorization (G7) and the Web Terminal add-on (G8). With --tenants, also what those specs'
            spec.admission forbids in their namespaces: images from other registries (G12), Services of other types
            (G6).

            Exit codes: 0 no failures (warnings allowed), 1 at least one failure or an unreadable input or
            cluster, 2 usage errors.

            Examples:
              tenantctl audit --file deploy.yaml
              tenantctl audit --kubeconfig .tenantctl/sandbox/kubeconfig -o json
              tenantctl audit --cluster shared-prod --inventory Tenants/clusters.yaml -o markdown
              tenantctl audit --cluster shared-prod --tenants Tenants/
            """)

    @Option(name: .customLong("file"), help: "Lint the workloads in these manifests (multi-document YAML) offline.")
    var files: [String] = []

    @Option(help: "The inventory cluster to audit (its kubeconfig and context).")
    var cluster: String?

    @Option(help: "The cluster inventory (default: Tenants/clusters.yaml when --cluster is given).")
    var inventory: String?

    @Option(help: "A kubeconfig to use instead of the default (or of the inventory's paths).")
    var kubeconfig: String?

    @Option(
        name: .customLong("tenants"),
        help:
            "Tenant spec files or folders whose spec.admission the live cluster is checked against (registries, Service types)."
    )
    var tenants: [String] = []

    @Option(help: "The kubeconfig context (without --cluster; default: the current context).")
    var context: String?

    @Option(
        help:
            "The price catalog with the supported versions (default: \(WorkspaceFiles.defaultCatalog) when it exists).")
    var catalog: String?

    @OptionGroup var connection: ConnectionOptions

    @Option(name: [.short, .customLong("output")], help: "Output format: text, json or markdown.")
    var output: OutputFormat = .text

    func validate() throws {
        if !files.isEmpty, cluster != nil || inventory != nil || kubeconfig != nil || context != nil || !tenants.isEmpty
        {
            throw ValidationError(
                "--file audits manifests offline; it takes no --cluster, --inventory, --kubeconfig, --context or --tenants"
            )
        }
        if cluster != nil, context != nil {
            throw ValidationError("--context cannot be combined with --cluster (the inventory names the context)")
        }
        if inventory != nil, cluster == nil, tenants.isEmpty {
            throw ValidationError("--inventory needs --cluster NAME or --tenants")
        }
    }

    func run() async throws {
        let (findings, diagnostics) = files.isEmpty ? (try await live(), []) : try offline()
        print(AuditReport(findings).render(output), terminator: "")
        Console.write(diagnostics.map(\.description))
        if !diagnostics.isEmpty || findings.contains(where: { $0.severity == .fail }) { throw ExitCode(1) }
    }

    /// The workload findings of every manifest in the files, and a diagnostic for each file that could not be read.
    func offline() throws -> ([Finding], [Diagnostic]) {
        for path in files where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("cannot read \(path)")
        }
        let (sources, unreadable) = InputFiles.readable(files)
        let manifests = AuditManifests(sources)
        return (WorkloadRules.check(manifests.objects), (unreadable + manifests.diagnostics).sortedByLocation())
    }
}
