import ArgumentParser
import Foundation
import Sandbox

extension SandboxCommand {
    /// `tenantctl sandbox serve`: the sandbox in the foreground, recording its pid and port in its directory.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the sandbox in the foreground until SIGTERM or SIGINT (what `start` runs).",
            shouldDisplay: false)

        @OptionGroup var location: Location
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let directory = location.directory
            guard let token = directory.token() else {
                throw SandboxProcessError("no token in \(directory.tokenFile.path): run `tenantctl sandbox start`")
            }
            var cce = try SandboxCCECredentials.configuration(
                from: directory.cceCredentials, transitionDelay: options.cceDelay)
            let inventory = try options.inventory.map(SandboxInventory.load)
            cce?.seedClusters = inventory?.seedClusters ?? []
            cce?.networks = inventory?.networks ?? []
            let server = try SandboxServer(
                configuration: SandboxConfiguration(
                    token: token, tls: try SandboxTLS.loadOrCreate(in: directory.url),
                    gitVersion: options.kubeVersion, port: options.port, stateDirectory: directory.objects,
                    controllerTimings: options.fastControllers ? ControllerTimings() : .realistic,
                    customResources: [.cceSecurityGroup], cce: cce))
            let url = try await server.start()
            try SandboxProcess.record(port: url.port ?? 0, in: directory)
            print("serving at \(url)")
            await TerminationSignals.wait()
            await server.stop()
            SandboxProcess.clear(in: directory)
            print("stopped")
        }
    }
}
