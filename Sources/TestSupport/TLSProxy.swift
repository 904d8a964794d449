import Foundation
import Synchronization

/// A real TLS server in front of a plaintext one: Debian's `stunnel`, on 127.0.0.1 at a free port, presenting
/// a test server certificate and (with `verify = 2`) requiring a client certificate signed by the test CA.
/// `stop()` ends the process; always call it (e.g. in a `defer`).
public final class TLSProxy: Sendable {
    public let port: Int
    private let logPath: String
    private let process: Mutex<Process?>

    /// The `https://127.0.0.1:PORT` address of the proxy.
    public var url: URL { URL(string: "https://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }

    private init(port: Int, logPath: String, process: sending Process) {
        self.port = port
        self.logPath = logPath
        self.process = Mutex(process)
    }

    /// How many TCP connections stunnel has accepted, from its log: proves connection reuse.
    public func acceptedConnections() throws -> Int {
        try String(contentsOfFile: logPath, encoding: .utf8).components(separatedBy: "accepted connection from").count
            - 1
    }

    /// Starts stunnel and waits until it accepts connections.
    /// - Parameter maxTLSVersion: e.g. `TLSv1.2`, where a refused client certificate fails the handshake itself
    ///   (with TLS 1.3 the client learns of it only when it reads, and may see a plain reset instead).
    public static func start(
        backendPort: Int, authority: TestCertificateAuthority, server: TestCertificateAuthority.Issued,
        in directory: TemporaryDirectory, maxTLSVersion: String? = nil
    ) async throws -> TLSProxy {
        let port = try LoopbackPort.free()
        let logPath = "\(directory.path)/stunnel-\(port).log"
        let config = try directory.write(
            "stunnel-\(port).conf",
            """
            foreground = yes
            pid =
            output = \(logPath)
            debug = 5
            [kube]
            accept = 127.0.0.1:\(port)
            connect = 127.0.0.1:\(backendPort)
            cert = \(server.certificatePath)
            key = \(server.keyPath)
            CAfile = \(authority.certificatePath)
            verify = 2
            \(maxTLSVersion.map { "sslVersionMax = \($0)" } ?? "")

            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["stunnel", config]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let proxy = TLSProxy(port: port, logPath: logPath, process: process)
        do {
            try await LoopbackPort.waitUntilAccepting(port)
            try await proxy.waitUntilLogged(probes: 1)
        } catch {
            proxy.stop()
            throw error
        }
        return proxy
    }

    /// Waits until the log shows the readiness probes, so that `acceptedConnections()` counts from here on.
    private func waitUntilLogged(probes: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while (try? acceptedConnections()) ?? 0 < probes {
            guard ContinuousClock.now < deadline else { throw POSIXError(.ETIMEDOUT) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Ends stunnel and waits for it to exit. SIGKILL, because a child spawned from a Dispatch worker thread
    /// inherits that thread's blocked signals, SIGTERM among them.
    public func stop() {
        process.withLock { process in
            guard let running = process else { return }
            if running.isRunning { kill(running.processIdentifier, SIGKILL) }
            running.waitUntilExit()
            process = nil
        }
    }
}
