import Foundation

/// A server that breaks the rules on 127.0.0.1, for testing the client's transfer limits: Python's socket server
/// in a child process (it ends by itself after two minutes). `stop()` ends it; always call it.
public final class MisbehavingServer: Sendable {
    /// What it does with each connection.
    public enum Behaviour: String, Sendable {
        /// Accepts the connection, reads the request, and never answers.
        case silent
        /// Answers 200 with a chunked body that never ends, as fast as the client reads.
        case endlessBody = "endless"
        /// Answers 200 with a `Content-Length` of 1 TiB, then sends a few bytes and stops.
        case hugeContentLength = "huge-length"
    }

    public let port: Int
    private let child: ChildProcess

    /// `http://127.0.0.1:PORT`.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }

    private init(port: Int, child: ChildProcess) {
        self.port = port
        self.child = child
    }

    public static func start(_ behaviour: Behaviour) async throws -> MisbehavingServer {
        let port = try LoopbackPort.free()
        let server = MisbehavingServer(
            port: port, child: try ChildProcess(["python3", "-c", script, String(port), behaviour.rawValue]))
        do {
            try await LoopbackPort.waitUntilAccepting(port)
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// Ends the process and waits for it.
    public func stop() { child.end() }

    private static let script = #"""
        import signal, socket, sys, threading
        port, mode = int(sys.argv[1]), sys.argv[2]
        signal.alarm(120)
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(16)
        def serve(connection):
            try:
                connection.recv(65536)
                if mode == "silent":
                    threading.Event().wait()
                elif mode == "endless":
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    chunk = b"%x\r\n%s\r\n" % (65536, b"x" * 65536)
                    while True:
                        connection.sendall(chunk)
                else:
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1099511627776\r\n\r\n{}")
                    threading.Event().wait()
            except OSError:
                pass
        while True:
            connection, _ = listener.accept()
            threading.Thread(target=serve, args=(connection,), daemon=True).start()
        """#
}
