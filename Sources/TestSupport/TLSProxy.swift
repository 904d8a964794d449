import Foundation

/// A real TLS server requiring client certificates in front of an HTTPS backend (the sandbox): Debian's `stunnel`
/// on 127.0.0.1 at a free port, presenting a test server certificate and (with `verify = 2`) requiring a client
/// certificate signed by the test CA, then passing the plaintext on to a second stunnel service of its own that
/// connects to the backend over TLS, verifying it against the backend's CA. `stop()` ends the process; always
/// call it (e.g. in a `defer`).
public final class TLSProxy: Sendable {
    public let port: Int
    private let logPath: String
    private let child: ChildProcess

    /// The `https://127.0.0.1:PORT` address of the proxy.
    public var url: URL { URL(string: "https://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }

    private init(port: Int, logPath: String, child: ChildProcess) {
        self.port = port
        self.logPath = logPath
        self.child = child
    }

    /// How many TCP connections the client-facing service has accepted, from stunnel's log: proves connection
    /// reuse.
    public func acceptedConnections() throws -> Int {
        try String(contentsOfFile: logPath, encoding: .utf8)
            .components(separatedBy: "Service [kube] accepted connection from").count - 1
    }

    /// Starts stunnel and waits until it accepts connections.
    /// - Parameters:
    ///   - backendAuthority: the PEM file of the CA that the backend's certificate (for 127.0.0.1) chains to.
    ///   - maxTLSVersion: e.g. `TLSv1.2`, where a refused client certificate fails the handshake itself (with
    ///     TLS 1.3 the client learns of it only when it reads, and may see a plain reset instead).
    public static func start(
        backendPort: Int, backendAuthority: String, authority: TestCertificateAuthority,
        server: TestCertificateAuthority.Issued, in directory: TemporaryDirectory, maxTLSVersion: String? = nil
    ) async throws -> TLSProxy {
        let port = try LoopbackPort.free()
        var relay = try LoopbackPort.free()
        while relay == port { relay = try LoopbackPort.free() }
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
            connect = 127.0.0.1:\(relay)
            cert = \(server.certificatePath)
            key = \(server.keyPath)
            CAfile = \(authority.certificatePath)
            verify = 2
            \(maxTLSVersion.map { "sslVersionMax = \($0)" } ?? "")
            [backend]
            client = yes
            accept = 127.0.0.1:\(relay)
            connect = 127.0.0.1:\(backendPort)
            CAfile = \(backendAuthority)
            verifyChain = yes
            checkIP = 127.0.0.1

            """)
        let proxy = TLSProxy(port: port, logPath: logPath, child: try ChildProcess(["stunnel", config]))
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

    /// Ends the process and waits for it.
    public func stop() { child.end() }
}
