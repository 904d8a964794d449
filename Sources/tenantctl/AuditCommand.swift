import ArgumentParser
import Engine
import Foundation
import JSON
import KubeAPI
import TenancyCore
import YAML

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
            authorization (G7) and the Web Terminal add-on (G8).

            Exit codes: 0 no failures (warnings allowed), 1 at least one failure or an unreadable input or
            cluster, 2 usage errors.

            Examples:
              tenantctl audit --file deploy.yaml
              tenantctl audit --kubeconfig .tenantctl/sandbox/kubeconfig -o json
              tenantctl audit --cluster shared-prod --inventory Tenants/clusters.yaml -o markdown
            """)

    @Option(name: .customLong("file"), help: "Lint the workloads in these manifests (multi-document YAML) offline.")
    var files: [String] = []

    @Option(help: "The inventory cluster to audit (its kubeconfig and context).")
    var cluster: String?

    @Option(help: "The cluster inventory (default: Tenants/clusters.yaml when --cluster is given).")
    var inventory: String?

    @Option(help: "A kubeconfig to use instead of the default (or of the inventory's paths).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context (without --cluster; default: the current context).")
    var context: String?

    @Option(help: "The price catalog with the supported versions (default: \(WorkspaceFiles.defaultCatalog) when it exists).")
    var catalog: String?

    @OptionGroup var connection: ConnectionOptions

    @Option(name: [.short, .customLong("output")], help: "Output format: text, json or markdown.")
    var output: OutputFormat = .text

    func validate() throws {
        if !files.isEmpty, cluster != nil || inventory != nil || kubeconfig != nil || context != nil {
            throw ValidationError("--file audits manifests offline; it takes no --cluster, --inventory, --kubeconfig or --context")
        }
        if cluster != nil, context != nil {
            throw ValidationError("--context cannot be combined with --cluster (the inventory names the context)")
        }
        if inventory != nil, cluster == nil {
            throw ValidationError("--inventory needs --cluster NAME")
        }
    }

    func run() async throws {
        let findings = files.isEmpty ? try await live() : try offline()
        print(render(findings), terminator: "")
        if findings.contains(where: { $0.severity == .fail }) { throw ExitCode(1) }
    }

    /// The workload findings of every manifest in the files.
    func offline() throws -> [Finding] {
        var objects: [JSONValue] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            do {
                for document in try YAMLParser.parse([UInt8](data), file: path) {
                    let value = try document.toJSON(file: path)
                    if value["kind"]?.stringValue?.hasSuffix("List") == true, let items = value["items"]?.arrayValue {
                        objects += items
                    } else if value.objectValue != nil {
                        objects.append(value)
                    }
                }
            } catch {
                exitWithError("\(error)")
            }
        }
        return WorkloadRules.check(objects)
    }

    /// Every finding for the live cluster.
    func live() async throws -> [Finding] {
        let client: KubeClient
        do {
            client = try connect()
        } catch let error as ValidationError {
            throw error
        } catch {
            exitWithError("\(error)")
        }
        let window = try loadCatalog()?.kubernetes
        do {
            return try await AuditReader(client: client).read().audit(versionWindow: window)
        } catch {
            exitWithError("reading the cluster: \(error)")
        }
    }

    private func connect() throws -> KubeClient {
        guard let cluster else {
            return try connection.connector(kubeconfigOverride: nil, inventoryFile: nil).kubeClient(
                kubeconfig: kubeconfig, context: context)
        }
        let path = inventory ?? AddonTargets.defaultInventory
        let profile = try InventoryFile.cluster(cluster, in: path)
        return try connection.connector(kubeconfigOverride: kubeconfig, inventoryFile: path).kubeClient(for: profile)
    }

    /// The catalog named, or the default one when it exists; nil skips the version check.
    private func loadCatalog() throws -> PriceCatalog? {
        try WorkspaceFiles.catalog(named: catalog)
    }

    func render(_ findings: [Finding]) -> String {
        let summary = AuditSummary(findings)
        switch output {
        case .json:
            return JSONValue.object(["findings": .array(findings.map(\.json)), "summary": summary.json])
                .jsonString(pretty: true) + "\n"
        case .text:
            let total = summary.fail + summary.warn
            let last =
                total == 0
                ? "audit: no findings\n"
                : "audit: \(total) finding\(total == 1 ? "" : "s"): \(summary.fail) fail, \(summary.warn) warn\n"
            return findings.map { $0.line + "\n" }.joined() + last
        case .markdown:
            var text = "## Audit\n\n"
            if findings.isEmpty { return text + "No findings.\n" }
            text += "\(summary.fail) fail, \(summary.warn) warn.\n\n"
            text += "| severity | guidance | object | finding | fix |\n|---|---|---|---|---|\n"
            func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
            for finding in findings {
                text +=
                    "| \(finding.severity.rawValue) | \(finding.guidance.rawValue) | \(cell(finding.object)) | "
                    + "\(cell(finding.message)) | \(cell(finding.fix)) |\n"
            }
            return text
        }
    }
}
