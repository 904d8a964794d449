import NIOCore

/// Drops the RST_STREAM frames with error code STREAM_CLOSED that a client sends for the streams of an HTTP/2
/// connection it has finished with, before NIOHTTP2 reads them; every other byte passes unchanged, and an HTTP/1.1
/// connection (no HTTP/2 preface) passes whole — until the server closes the connection (`closeInput`).
///
/// Why: libcurl (tenantctl's transport) sends one for every stream it has read to the end. NIOHTTP2 counts every
/// RST_STREAM against a rapid-reset limit (200 within 30 s per connection) that Hummingbird does not let the
/// sandbox raise, and past it sends GOAWAY(ENHANCE_YOUR_CALM) naming no stream as processed — so the client
/// replays requests the sandbox already served, and a create comes back 409 AlreadyExists. A real kube-apiserver
/// (Go) ignores resets of closed streams; so does the sandbox, this way.
final class ClosedStreamResetFilter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// The client connection preface that opens every HTTP/2 connection (RFC 9113, section 3.4).
    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
    static let frameHeaderLength = 9
    static let resetStreamType: UInt8 = 0x3
    static let streamClosed: UInt32 = 0x5

    private enum Mode {
        case awaitingPreface, frames, passThrough
        /// The connection is being closed: nothing more reaches HTTP/2, so it opens no more streams.
        case closed
    }

    private var mode = Mode.awaitingPreface
    /// Bytes of a preface or frame that has not arrived whole yet.
    private var pending: ByteBuffer?
    /// Bytes that arrived before the server began handling the connection (`startForwarding`): HTTP/2 must not open
    /// a stream before anyone takes streams, or the process traps ("Deinited NIOAsyncWriter without calling
    /// finish()") — a connection accepted as the server stops is never handled.
    private var held: ByteBuffer?
    private var forwarding = false
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Lets input through, from what was held; call on the channel's event loop once the connection is handled.
    func startForwarding() {
        guard !forwarding, let context else { return }
        forwarding = true
        if let held {
            self.held = nil
            channelRead(context: context, data: NIOAny(held))
            // HTTP/2 and HTTP/1 flush what they answered when a read completes.
            context.fireChannelReadComplete()
        }
    }

    /// Lets nothing more through (the server is closing the connection); call on the channel's event loop.
    func closeInput() {
        mode = .closed
        pending = nil
        held = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard mode != .closed else { return }
        guard forwarding else {
            var input = unwrapInboundIn(data)
            if held == nil { held = input } else { held?.writeBuffer(&input) }
            return
        }
        guard mode != .passThrough else { return context.fireChannelRead(data) }
        var input = unwrapInboundIn(data)
        if var buffered = pending {
            buffered.writeBuffer(&input)
            input = buffered
            pending = nil
        }
        var output = context.channel.allocator.buffer(capacity: input.readableBytes)
        if mode == .awaitingPreface {
            let head = Array(input.readableBytesView.prefix(Self.preface.count))
            guard head == Array(Self.preface.prefix(head.count)) else {
                mode = .passThrough
                return context.fireChannelRead(wrapInboundOut(input))
            }
            guard head.count == Self.preface.count, var preface = input.readSlice(length: head.count) else {
                pending = input
                return
            }
            output.writeBuffer(&preface)
            mode = .frames
        }
        while let frame = Self.nextFrame(in: &input) {
            if !Self.isClosedStreamReset(frame) { output.writeImmutableBuffer(frame) }
        }
        if input.readableBytes > 0 { pending = input }
        if output.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(output)) }
    }

    /// The next whole frame (header and payload), read from `buffer`; nil when it has not arrived whole.
    private static func nextFrame(in buffer: inout ByteBuffer) -> ByteBuffer? {
        guard let length = buffer.getBytes(at: buffer.readerIndex, length: 3) else { return nil }
        let payload = Int(length[0]) << 16 | Int(length[1]) << 8 | Int(length[2])
        return buffer.readSlice(length: frameHeaderLength + payload)
    }

    private static func isClosedStreamReset(_ frame: ByteBuffer) -> Bool {
        frame.readableBytes == frameHeaderLength + 4
            && frame.getInteger(at: frame.readerIndex + 3, as: UInt8.self) == resetStreamType
            && frame.getInteger(at: frame.readerIndex + frameHeaderLength, as: UInt32.self) == streamClosed
    }
}
