import ArgumentParser
import Foundation

/// How the sandbox server runs: shared by `start`, which passes them on, and `serve`, which uses them.
struct ServerOptions: ParsableArguments {
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 0
    @Option(name: .customLong("kube-version"), help: "The Kubernetes version the sandbox reports.")
    var kubeVersion: String = "v1.31.4"
    @Option(
        name: .customLong("cce-delay"), help: "Seconds a CCE cluster, node pool or add-on takes to change state.")
    var cceDelay: Double = 5
    @Flag(
        help: """
            Controllers that react in milliseconds; by default they take as long as a real control plane's (a             deleted namespace's first cleanup pass after 5 s).
            """)
    var fastControllers = false
    @Option(
        help: """
            A cluster inventory the sandbox stands in for: its CCE clusters exist from the start, and the \
            kubeconfig has a context per cluster name and per context its kubeconfig refs name.
            """)
    var inventory: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
        guard cceDelay.isFinite, (0...3600).contains(cceDelay) else {
            throw ValidationError("--cce-delay must be a number of seconds from 0 to 3600, not \(cceDelay)")
        }
    }

    /// The same options as command-line arguments, for the `serve` process that `start` spawns.
    var arguments: [String] {
        ["--port", String(port), "--kube-version", kubeVersion, "--cce-delay", String(cceDelay)]
            + (fastControllers ? ["--fast-controllers"] : [])
            + (inventory.map { ["--inventory", URL(fileURLWithPath: $0).standardizedFileURL.path] } ?? [])
    }
}
