/// A request that got no HTTP response: the connection failed, was reset, timed out, or TLS failed.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as far as deciding on a retry needs to know.
    public enum Kind: String, Sendable, Hashable {
        /// The TCP connection could not be made (refused, unreachable, name not resolved).
        case connectFailed = "cannot connect"
        /// The connection dropped before a full response arrived.
        case connectionReset = "connection reset"
        /// The connect or request timeout expired, or the transfer stalled.
        case timedOut = "timed out"
        /// The response was larger than the transfer limits allow.
        case responseTooLarge = "response too large"
        /// The TLS handshake or certificate verification failed.
        case tls = "TLS failure"
        /// A local problem: a bad option, an unreadable certificate file, out of memory.
        case other = "request failed"
    }

    public var kind: Kind
    /// The server the request went to (scheme, host and port only).
    public var server: String
    /// The transport's own words, e.g. libcurl's error buffer.
    public var detail: String

    public init(kind: Kind, server: String, detail: String) {
        self.kind = kind
        self.server = server
        self.detail = detail
    }

    /// Whether another attempt may succeed: resets, timeouts and refused connections are transient.
    public var isTransient: Bool {
        switch kind {
        case .connectFailed, .connectionReset, .timedOut: true
        case .tls, .responseTooLarge, .other: false
        }
    }

    public var description: String { "\(kind.rawValue) (\(server)): \(detail)" }
}
