import ArgumentParser
import Engine

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
        let removal = AddonRemoval(template: name, dryRun: dryRun, connector: targets.connector)
        var failed = false
        for profile in try targets.clusters(everyByDefault: false) {
            do {
                print(AddonRemovalText(try await removal.remove(from: profile), removal).text, terminator: "")
            } catch {
                failed = true
                print("\(profile.name): failed: \(error)")
                Console.error("\(profile.name): \(error)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
