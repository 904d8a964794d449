import ArgumentParser

/// The `tenantctl` command: provisions tenants onto shared Kubernetes clusters.
@main
struct TenantCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenantctl",
        abstract: "Provision tenants onto shared Kubernetes clusters, logically or physically isolated.",
        subcommands: [])
}
