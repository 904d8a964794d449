import ArgumentParser
import Foundation
import HTTP

/// The `tenantctl` command: provisions tenants onto shared Kubernetes clusters.
@main
struct TenantCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenantctl",
        abstract: "Provision tenants onto shared Kubernetes clusters, logically or physically isolated.",
        version: VersionReport.current.text.trimmingCharacters(in: .newlines),
        subcommands: [
            ValidateCommand.self, DecideCommand.self, PlanCommand.self, RenderCommand.self, ApplyCommand.self,
            ResumeCommand.self, RollbackCommand.self, RunsCommand.self, OffboardCommand.self, QuotaCommand.self,
            AddonCommand.self,
            AuditCommand.self,
            StateCommand.self, SandboxCommand.self, VersionCommand.self,
        ])

    /// Runs the command; usage errors exit 2 (not ArgumentParser's 64), as `validate` promises. With
    /// `TENANTCTL_STATS` set, the HTTP requests the command sent are counted on standard error as it ends (for
    /// benchmarks).
    static func main() async {
        if ProcessInfo.processInfo.environment["TENANTCTL_STATS"] != nil { atexit(printStatistics) }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Console.write([fullMessage(for: error)])
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// `tenantctl: N HTTP requests, H held deliveries, S stalls` on standard error.
private func printStatistics() {
    let statistics = CurlTransport.processStatistics
    Console.write([
        "tenantctl: \(statistics.requests) HTTP requests, \(statistics.heldDeliveries) held deliveries, \(statistics.stalls) stalls"
    ])
}
