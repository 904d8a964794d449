/// The bounds every HTTP transfer runs within, so that no server can hold tenantctl forever or fill its memory.
///
/// - `connect`: the TCP and TLS handshake.
/// - `request`: one attempt from start to the last byte (`--request-timeout`; nil: no limit, as kubectl's `0`).
/// - `stall`: the longest time a transfer may send and receive nothing before it fails as stalled. The default
///   stays above the 30 s an admission webhook may legitimately keep the API server silent.
/// - `maxResponseBytes`: the largest response body accepted (after decompression); a larger one is refused.
public struct TransferLimits: Sendable, Hashable {
    public var connect: Duration
    public var request: Duration?
    public var stall: Duration
    public var maxResponseBytes: Int

    public static let defaultMaxResponseBytes = 64 << 20

    public init(
        connect: Duration = .seconds(10), request: Duration? = .seconds(60), stall: Duration = .seconds(35),
        maxResponseBytes: Int = defaultMaxResponseBytes
    ) {
        self.connect = connect
        self.request = request
        self.stall = stall
        self.maxResponseBytes = maxResponseBytes
    }

    /// The limits with `request` as the request timeout, as `--request-timeout` sets it: nil or zero is no limit.
    /// A stall is then detected within the request timeout too.
    public func withRequestTimeout(_ timeout: Duration?) -> TransferLimits {
        var limits = self
        limits.request = timeout.flatMap { $0 > .zero ? $0 : nil }
        if let request = limits.request, request < limits.stall { limits.stall = request }
        return limits
    }
}
