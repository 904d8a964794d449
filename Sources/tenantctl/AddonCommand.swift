import ArgumentParser
import CloudAPI
import Engine
import Foundation
import JSON
import TenancyCore

/// `tenantctl addon`: the CCE add-ons of the inventory's clusters; `remove` uninstalls one (G8: the Web
/// Terminal when it is not in use) and deletes what it leaves behind.
struct AddonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "addon",
        abstract: "List or remove the CCE add-ons of the inventory's clusters.",
        discussion: """
            Examples:
              tenantctl addon list                                   # every cluster of Tenants/clusters.yaml
              tenantctl addon list --cluster shared-prod -o json
              tenantctl addon remove web-terminal --cluster shared-prod --dry-run
              tenantctl addon remove web-terminal --all-clusters --kubeconfig .tenantctl/sandbox/kubeconfig
            """,
        subcommands: [AddonListCommand.self, AddonRemoveCommand.self])
}

/// The clusters `addon` works on and how it reaches them.
struct AddonTargets: ParsableArguments {
    @Option(help: "The cluster inventory (default: \(AddonTargets.defaultInventory)).")
    var inventory: String = AddonTargets.defaultInventory

    @Option(help: "A kubeconfig to use for every cluster instead of the paths in the inventory (contexts still apply).")
    var kubeconfig: String?

    @Option(help: "The inventory cluster to work on.")
    var cluster: String?

    @Flag(help: "Work on every cluster of the inventory.")
    var allClusters = false

    static let defaultInventory = "Tenants/clusters.yaml"

    func validate() throws {
        if cluster != nil, allClusters { throw ValidationError("pass either --cluster or --all-clusters, not both") }
    }

    /// The selected clusters (every cluster when `everyByDefault` and neither option is given).
    func clusters(everyByDefault: Bool) throws -> [ClusterProfile] {
        if let cluster { return [try InventoryFile.cluster(cluster, in: inventory)] }
        guard allClusters || everyByDefault else { throw ValidationError("pass --cluster NAME or --all-clusters") }
        return try InventoryFile.load(inventory).clusters
    }

    @OptionGroup var connection: ConnectionOptions

    var connector: ClusterConnector {
        connection.connector(kubeconfigOverride: kubeconfig, inventoryFile: inventory)
    }
}

/// `tenantctl addon list`: name, version and status of every add-on of each CCE cluster.
struct AddonListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the add-ons installed on each CCE cluster of the inventory.",
        discussion: """
            Reads each cluster's add-ons through the CCE API (credentials from TENANTCTL_CCE_AK/SK or
            TENANTCTL_CCE_CREDENTIALS_FILE, endpoint from TENANTCTL_CCE_ENDPOINT or the region). Clusters without
            a cce: entry are reported as not CCE. Every cluster unless --cluster is given.
            Exits 0 on success, 1 when a cluster could not be read, 2 on usage errors.

            Examples:
              tenantctl addon list
              tenantctl addon list --cluster shared-prod
              tenantctl addon list --inventory Tenants/clusters.yaml -o json
            """)

    @OptionGroup var targets: AddonTargets

    @Option(name: [.short, .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if output == .markdown { throw ValidationError("addon list prints text or json") }
    }

    func run() async throws {
        let connector = targets.connector
        var reports: [JSONValue] = []
        var text = ""
        var failed = false
        for profile in try targets.clusters(everyByDefault: true) {
            guard let cceRef = profile.cce else {
                reports.append(["cluster": .string(profile.name), "cce": false, "addons": []])
                text += "\(profile.name): not a CCE cluster\n"
                continue
            }
            do {
                guard let cce = try connector.cceClient(for: profile) else { continue }
                let addons = try await cce.addons(cluster: cceRef.clusterID)
                    .sorted { $0.spec.addonTemplateName < $1.spec.addonTemplateName }
                reports.append([
                    "cluster": .string(profile.name), "cce": true, "clusterID": .string(cceRef.clusterID),
                    "addons": .array(
                        addons.map { addon in
                            [
                                "name": .string(addon.spec.addonTemplateName),
                                "version": addon.spec.version.map(JSONValue.string) ?? .null,
                                "status": addon.status?.status.map(JSONValue.string) ?? .null,
                                "id": addon.id.map(JSONValue.string) ?? .null,
                            ]
                        }),
                ])
                if addons.isEmpty {
                    text += "\(profile.name): no add-ons\n"
                } else {
                    text += "\(profile.name):\n"
                    let width = max(4, addons.map(\.spec.addonTemplateName.count).max() ?? 0)
                    let versionWidth = max(7, addons.map { ($0.spec.version ?? "-").count }.max() ?? 0)
                    text += "  \(pad("NAME", width))  \(pad("VERSION", versionWidth))  STATUS\n"
                    for addon in addons {
                        text +=
                            "  \(pad(addon.spec.addonTemplateName, width))  \(pad(addon.spec.version ?? "-", versionWidth))  \(addon.status?.status ?? "unknown")\n"
                    }
                }
            } catch {
                failed = true
                reports.append([
                    "cluster": .string(profile.name), "cce": true, "clusterID": .string(cceRef.clusterID),
                    "error": .string("\(error)"),
                ])
                Console.error("\(profile.name): \(error)")
            }
        }
        if output == .json {
            print(JSONValue.object(["clusters": .array(reports)]).jsonString(pretty: true))
        } else {
            print(text, terminator: "")
        }
        if failed { throw ExitCode(1) }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// `tenantctl addon remove NAME`: uninstalls an add-on through the CCE API, then deletes the objects it
/// leaves in the cluster's Kubernetes API — only those carrying its labels.
struct AddonRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an add-on from CCE clusters, and what it leaves behind in Kubernetes.",
        discussion: """
            Uninstalls the add-on (its template name, e.g. web-terminal) through the CCE API and waits until it
            is gone; an add-on that is not installed is reported as such (exit 0). Then it deletes what the
            add-on leaves in the cluster's Kubernetes API — for web-terminal the cluster-admin
            ClusterRoleBinding web-terminal and the NodePort Service kube-system/web-terminal — but only objects
            labelled app=web-terminal and release=<add-on name>: an object of the same name without those labels
            is someone else's and is reported, never deleted. --dry-run prints what would be removed and changes
            nothing. Clusters without a cce: entry are reported as not CCE.
            Exits 0 on success, 1 when a cluster failed, 2 on usage errors.

            Examples:
              tenantctl addon remove web-terminal --cluster shared-prod --dry-run
              tenantctl addon remove web-terminal --cluster shared-prod
              tenantctl addon remove web-terminal --all-clusters --kubeconfig .tenantctl/sandbox/kubeconfig
            """)

    @Argument(help: "The add-on's template name, e.g. web-terminal.")
    var name: String

    @OptionGroup var targets: AddonTargets

    @Flag(help: "Print what would be removed; change nothing.")
    var dryRun = false

    func run() async throws {
        let clusters = try targets.clusters(everyByDefault: false)
        var failed = false
        for profile in clusters {
            do {
                print(try await remove(from: profile), terminator: "")
            } catch {
                failed = true
                print("\(profile.name): failed: \(error)")
                Console.error("\(profile.name): \(error)")
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// The report of one cluster.
    private func remove(from profile: ClusterProfile) async throws -> String {
        let connector = targets.connector
        guard let cceRef = profile.cce, let cce = try connector.cceClient(for: profile) else {
            return "\(profile.name): not a CCE cluster; skipped\n"
        }
        let kube = try connector.kubeClient(for: profile)
        let addon = try await cce.findAddon(templateName: name, cluster: cceRef.clusterID)
        let footprint = AddonCleanup.footprint(template: name, release: addon?.metadata.name)
        var lines: [String] = []
        let version = addon.flatMap { $0.spec.version.map { " \($0)" } } ?? ""

        if dryRun {
            if addon != nil {
                lines.append("\(profile.name): would remove \(name)\(version)")
            } else {
                lines.append("\(profile.name): \(name) not installed on \(profile.name)")
            }
            for leftover in try await AddonCleanup.leftovers(of: footprint, in: kube) {
                lines.append(describe(leftover, footprint: footprint, action: "would delete"))
            }
            if addon == nil, lines.count == 1 { lines[0] += "; nothing to remove" }
            return lines.joined(separator: "\n") + "\n"
        }

        var removed = false
        if addon != nil {
            removed = try await cce.removeAddon(templateName: name, cluster: cceRef.clusterID)
        }
        lines.append(
            removed
                ? "\(profile.name): removed \(name)\(version)"
                : "\(profile.name): \(name) not installed on \(profile.name)")
        let leftovers = try await AddonCleanup.leftovers(of: footprint, in: kube)
        try await AddonCleanup.delete(leftovers, in: kube)
        for leftover in leftovers {
            lines.append(describe(leftover, footprint: footprint, action: "deleted"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ leftover: AddonCleanup.Leftover, footprint: [AddonCleanup.Footprint], action: String)
        -> String
    {
        let wanted = footprint.first { $0.reference == leftover.reference }?.labels ?? [:]
        let selector = wanted.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        if leftover.isLabelled { return "  - \(action) \(leftover.displayName) (labelled \(selector))" }
        return
            "  ! kept \(leftover.displayName): not labelled \(selector), so not the add-on's; delete it yourself if it should go"
    }
}
