import ArgumentParser
import Foundation
import Sandbox

/// `tenantctl sandbox`: an embedded Kubernetes API server on loopback for the demo and for trying things out.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local Kubernetes API sandbox that kubectl and tenantctl can talk to.",
        discussion: """
            The sandbox speaks the Kubernetes API (for kubectl and tenantctl) and the CCE v3 API on 127.0.0.1,
            over HTTPS (HTTP/2 or HTTP/1.1) with a certificate authority of its own, kept in its directory
            (ca.crt) and trusted by its kubeconfig; with --inventory it stands in for every cluster of an inventory.

            Examples:
              tenantctl sandbox start --inventory Tenants/clusters.yaml
              KUBECONFIG=.tenantctl/sandbox/kubeconfig kubectl get namespaces
              tenantctl sandbox status
              tenantctl sandbox stop
            """,
        subcommands: [Start.self, Stop.self, Status.self, Serve.self])

    /// Where a sandbox keeps its pid, port, token, certificate authority, kubeconfig, log and objects.
    struct Location: ParsableArguments {
        @Option(
            name: .customLong("state-dir"),
            help: "The sandbox's directory: pid, port, token, CA and keys, kubeconfig, log and objects.")
        var stateDirectory: String = SandboxDirectory.defaultPath

        var directory: SandboxDirectory { SandboxDirectory(stateDirectory) }
    }
}

extension SandboxCommand {
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a sandbox in the background and write a kubeconfig for it.")

        @OptionGroup var location: Location
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let directory = location.directory
            if let running = SandboxProcess.running(in: directory), let port = directory.port() {
                print("a sandbox is already running in \(directory.url.path)")
                print(SandboxUsage.text(directory, port: port, pid: running.pid))
                return
            }
            let inventory = try options.inventory.map(SandboxInventory.load)
            try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
            let token = try directory.keptToken()
            let tls = try SandboxTLS.loadOrCreate(in: directory.url)
            if !FileManager.default.fileExists(atPath: directory.cceCredentials.path) {
                try SandboxCCECredentials.create(at: directory.cceCredentials)
            }
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            let (process, port) = try await SandboxProcess.start(
                [executable, "sandbox", "serve", "--state-dir", directory.url.path] + options.arguments, in: directory)
            try SandboxKubeconfig.write(
                url: directory.endpoint() ?? directory.url, token: token,
                certificateAuthority: try tls.authority.certificatePEM,
                aliases: inventory?.contextNames ?? [], to: directory.kubeconfig)
            print(SandboxUsage.text(directory, port: port, pid: process.pid))
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the sandbox (its objects stay on disk).")

        @OptionGroup var location: Location

        func run() async throws {
            guard let running = SandboxProcess.running(in: location.directory) else {
                print("no sandbox running in \(location.directory.url.path)")
                return
            }
            try await running.stop(in: location.directory)
            print("sandbox stopped (pid \(running.pid))")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether a sandbox is running and how to reach it (exit code 1 when not running).")

        @OptionGroup var location: Location

        func run() async throws {
            let directory = location.directory
            guard let running = SandboxProcess.running(in: directory), let port = directory.port() else {
                print("no sandbox running in \(directory.url.path)")
                throw ExitCode(1)
            }
            print(SandboxUsage.text(directory, port: port, pid: running.pid))
        }
    }
}
