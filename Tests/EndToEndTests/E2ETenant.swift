import CloudAPI
import Foundation
import JSON
import TestSupport
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only on the sandbox (no `TENANTCTL_E2E_KUBECONFIG`); on a real cluster it is reported as skipped,
    /// with `reason`.
    static func sandboxOnly(_ reason: Comment) -> Self {
        .enabled(if: (ProcessInfo.processInfo.environment["TENANTCTL_E2E_KUBECONFIG"] ?? "").isEmpty, reason)
    }

    /// Runs the test only on the real cluster `TENANTCTL_E2E_KUBECONFIG` names; on the sandbox it is reported as
    /// skipped, with `reason`.
    static func realClusterOnly(_ reason: Comment) -> Self {
        .enabled(if: !(ProcessInfo.processInfo.environment["TENANTCTL_E2E_KUBECONFIG"] ?? "").isEmpty, reason)
    }
}

/// A tenant with unique names on a cluster the end-to-end tests drive: an inventory whose one cluster is reached
/// through `--kubeconfig` — a CCE cluster the sandbox stands in for, or a plain one — and a spec with a dedicated
/// node pool where the cluster is CCE.
struct E2ETenant {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let project = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

    let name: String
    let namespaces: [String]
    let folder: URL
    let inventory: String
    let spec: String
    let clusterID = UUID().uuidString.lowercased()

    /// - Parameters:
    ///   - cce: whether the cluster is a CCE cluster (then the tenant also gets a node pool).
    ///   - admission: the spec's `admission:` value (YAML, flow style), if any.
    init(cce: Bool = true, admission: String? = nil) throws {
        name = E2ECluster.uniqueName("t")
        namespaces = ["\(name)-web", "\(name)-data"]
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenant-\(name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        inventory = folder.appendingPathComponent("clusters.yaml").path
        spec = folder.appendingPathComponent("\(name).yaml").path
        try """
        apiVersion: tenantctl.io/v1
        kind: ClusterInventory
        clusters:
          - name: e2e-cce
        \(cce ? "    cce: {region: ap-southeast-1, projectID: \(Self.project), clusterID: \(clusterID), az: ap-southeast-1a, keyPair: e2e-nodes}" : "")
            version: v1.31
            networkMode: tunnel
            containerCIDR: 10.0.0.0/16
            apiServerAddress: 192.168.0.10
            flavor: cce.s2.medium
            sharedNodes: {flavor: c7.2xlarge.2, count: 4}
        """.write(toFile: inventory, atomically: true, encoding: .utf8)
        try """
        apiVersion: tenantctl.io/v1
        kind: Tenant
        metadata: {name: \(name)}
        spec:
          trust: partner
          cluster: e2e-cce
          owners: [{group: \(name)-admins}]
          viewers: [{group: \(name)-auditors}]
          namespaces: [\(namespaces.joined(separator: ", "))]
          quota: {cpu: "4", memory: 8Gi, storage: 20Gi, pods: 20, services: 5,
                  deployments: 5, statefulsets: 2, persistentVolumeClaims: 4}
          limits:
            container: {defaultRequest: {cpu: 100m, memory: 128Mi}, default: {cpu: 500m, memory: 512Mi}}
          network: {isolation: strict, allowFrom: [monitoring]}
        \(cce ? "  nodePool: {flavor: c7.2xlarge.2, nodes: 2}" : "")
        \(admission.map { "  admission: \($0)" } ?? "")
        """.write(toFile: spec, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Makes the inventory say the Kubernetes version `cluster`'s server reports, so that decisions and offline
    /// renders match what the server runs (the sandbox reports the inventory's own).
    func following(_ cluster: E2ECluster) throws {
        guard !cluster.isSandbox else { return }
        let text = try String(contentsOfFile: inventory, encoding: .utf8)
        try text.replacingOccurrences(of: "version: v1.31", with: "version: \(try cluster.serverVersion())")
            .write(toFile: inventory, atomically: true, encoding: .utf8)
    }

    /// Runs `body` with a fresh tenant and a sandbox standing in for `inventory` (default: the tenant's own);
    /// afterwards the sandbox stops, the tenant's files go and, on a real cluster, the objects its runs made.
    static func with(
        _ cli: CommandRunner, inventory: String? = nil, realisticControllers: Bool = false, admission: String? = nil,
        _ body: (E2ETenant, E2ECluster) async throws -> Void
    ) async throws {
        let tenant = try E2ETenant(admission: admission)
        defer { tenant.remove() }
        let cluster = try await onOwnThread {
            try E2ECluster.start(
                cli: cli, inventory: inventory ?? tenant.inventory, realisticControllers: realisticControllers)
        }
        defer { cluster.stop(cli: cli) }
        defer { if !cluster.isSandbox { tenant.cleanUp(cluster) } }
        try tenant.following(cluster)
        try await body(tenant, cluster)
    }

    /// The repository's example inventory (`Tenants/clusters.yaml`).
    static var exampleInventory: String { repository.appendingPathComponent("Tenants/clusters.yaml").path }

    /// Runs `tenantctl COMMAND SPEC` against `cluster` (`render` reads the cluster's facts too, so its manifests
    /// are what a plan writes), with the state directory in the tenant's folder.
    func run(_ cli: CommandRunner, _ cluster: E2ECluster, _ command: String, _ extra: [String] = []) throws
        -> CommandRunner.Result
    {
        var arguments = [command, spec, "--inventory", inventory]
        arguments += ["--kubeconfig", cluster.kubeconfig] + (command == "render" ? [] : ["--no-color"])
        if command == "apply" { arguments += ["--state-dir", stateDirectory] }
        return try cli.run(arguments + extra, environment: try cluster.cceEnvironment())
    }

    var stateDirectory: String { folder.appendingPathComponent("state").path }

    /// Starts `tenantctl ARGUMENTS` against `cluster` (with the tenant's state directory and a 5 s request timeout,
    /// so that a write it had in flight lands within 5 s), kills it with SIGKILL `delay` after its run journalled
    /// its first write, and returns that run: every kill lands in a run that wrote. Nothing waits for a write in
    /// flight to land: resume and rollback must cope with it.
    func runKilled(_ cli: CommandRunner, _ cluster: E2ECluster, _ arguments: [String], after delay: Duration)
        async throws -> String
    {
        let earlier = Set(try runs())
        let child = try ChildProcess(
            [cli.executable.path] + arguments
                + ["--kubeconfig", cluster.kubeconfig, "--state-dir", stateDirectory, "--request-timeout", "5s"],
            environment: ProcessInfo.processInfo.environment.merging(try cluster.cceEnvironment()) { $1 },
            in: cli.workingDirectory.path)
        defer { child.end() }
        let deadline = ContinuousClock.now + .seconds(60)
        while try firstWrite(after: earlier) == nil {
            let ended = child.ended()
            guard ContinuousClock.now < deadline, ended == nil else {
                throw Tool.Failure(
                    command: arguments.joined(separator: " "), status: ended?.status ?? -1,
                    stderr: "journalled no write")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: delay)
        _ = try await onOwnThread { child.end() }
        return try firstWrite(after: earlier) ?? ""
    }

    /// The run begun since `earlier` whose journal holds an intent, if any.
    private func firstWrite(after earlier: Set<String>) throws -> String? {
        try runs().first { run in
            !earlier.contains(run)
                && ((try? String(contentsOfFile: "\(stateDirectory)/runs/\(run).jsonl", encoding: .utf8))?.contains(
                    #""kind":"intent""#) ?? false)
        }
    }

    /// The run ids journalled so far, oldest first.
    func runs() throws -> [String] {
        let directory = URL(fileURLWithPath: stateDirectory).appendingPathComponent("runs")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    }

    /// What the tenant's runs could touch: every object labelled for the tenant anywhere, everything in its
    /// namespaces, its cluster-scoped policy, and the node pools of its test cluster — each with its uid and its JSON
    /// without its status and bookkeeping. Equal dumps mean nothing tenantctl could have touched was
    /// created, changed or deleted; the controllers' status writes (quota usage, namespace conditions) do not count,
    /// as tenantctl never writes status. Nothing else is compared: on a shared cluster other tests and the
    /// controllers change the rest at their own pace.
    func dump(_ cluster: E2ECluster) async throws -> [String] {
        let kinds = "namespaces,serviceaccounts,configmaps,resourcequotas,limitranges,networkpolicies,rolebindings"
        let clusterScoped = "validatingadmissionpolicies,validatingadmissionpolicybindings"
        let policy = "tenantctl-\(name)-pods"
        var listings = [
            ["get", kinds + "," + clusterScoped, "-A", "-l", "tenantctl.io/tenant=\(name)"],
            ["get", "validatingadmissionpolicy/\(policy)", "validatingadmissionpolicybinding/\(policy)"],
            ["get", "namespaces"] + namespaces,
        ]
        listings += namespaces.map { ["get", kinds.replacingOccurrences(of: "namespaces,", with: ""), "-n", $0] }
        var objects = Set<String>()
        for arguments in listings {
            let output = try await onOwnThread {
                try cluster.kubectl(arguments + ["--ignore-not-found", "-o", "json"])
            }
            guard !output.isEmpty else { continue }
            let listed = try JSONValue.parse(output)
            for item in listed["items"]?.arrayValue ?? [listed] {
                let metadata = item["metadata"]
                var content = item
                content["status"] = nil
                for field in ["resourceVersion", "managedFields", "generation"] { content["metadata"]?[field] = nil }
                objects.insert(
                    "\(item["kind"]?.stringValue ?? "?") \(metadata?["namespace"]?.stringValue ?? "")/\(metadata?["name"]?.stringValue ?? "") uid=\(metadata?["uid"]?.stringValue ?? "") \(content.jsonString())"
                )
            }
        }
        let pools = try await cce(cluster).nodePools(cluster: clusterID).map {
            "NodePool \($0.metadata.name) \($0.id ?? "")"
        }
        return (objects.sorted() + pools).sorted()
    }

    func cce(_ cluster: E2ECluster) throws -> CCEClient {
        let environment = try cluster.cceEnvironment()
        return CCEClient(
            endpoints: try CCEClient.Endpoints.resolve(region: "ap-southeast-1", environment: environment),
            credentials: try CCECredentialsLoader(environment: environment).load(projectID: Self.project))
    }

    /// Deletes what the tenant's runs made (namespaces and cluster-scoped policies), for real clusters.
    func cleanUp(_ cluster: E2ECluster) {
        for namespace in namespaces {
            _ = try? cluster.kubectl(["delete", "namespace", namespace, "--ignore-not-found", "--wait=false"])
        }
        for kind in ["validatingadmissionpolicybinding", "validatingadmissionpolicy"] {
            _ = try? cluster.kubectl(["delete", kind, "-l", "tenantctl.io/tenant=\(name)", "--ignore-not-found"])
        }
    }
}

extension E2ECluster {
    /// Waits for the control plane to finish setting up a namespace someone else created: its default
    /// ServiceAccount, which the control plane makes (on a real cluster, kube-controller-manager, moments later).
    func waitForDefaultServiceAccount(in namespace: String) async throws {
        for _ in 0..<300 {
            if (try? await onOwnThread { try kubectl(["get", "serviceaccount", "default", "-n", namespace]) }) != nil {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
