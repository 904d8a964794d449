import ArgumentParser
import Foundation

/// The `tenantctl` command: provisions tenants onto shared Kubernetes clusters.
@main
struct TenantCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenantctl",
        abstract: "Provision tenants onto shared Kubernetes clusters, logically or physically isolated.",
        subcommands: [
            ValidateCommand.self, DecideCommand.self, PlanCommand.self, RenderCommand.self, ApplyCommand.self,
            ResumeCommand.self, RollbackCommand.self, RunsCommand.self, OffboardCommand.self, AddonCommand.self, AuditCommand.self,
            SandboxCommand.self,
        ])

    /// Runs the command; usage errors exit 2 (not ArgumentParser's 64), as `validate` promises.
    static func main() async {
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
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
