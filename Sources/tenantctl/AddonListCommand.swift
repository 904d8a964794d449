import ArgumentParser
import JSON

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
                    let rows = addons.map { addon in
                        [addon.spec.addonTemplateName, addon.spec.version ?? "-", addon.status?.status ?? "unknown"]
                    }
                    text +=
                        "\(profile.name):\n" + TextTable.render([["NAME", "VERSION", "STATUS"]] + rows, indent: "  ")
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
}
