import CCurl
import Foundation
import Synchronization

/// Runs every libcurl transfer of the process on one dedicated thread through the multi interface, so
/// waiting on the network never occupies a cooperative thread of Swift concurrency. The multi handle keeps
/// a connection cache shared by all transfers (reuse, HTTP/2 multiplexing).
///
/// The loop sleeps in `curl_multi_poll` only after a `curl_multi_perform` that delivered nothing. libcurl 7.88
/// reads an HTTP/2 connection for every stream at once, and can leave a stream's data in its own buffers (or
/// OpenSSL's) with no timer set to deliver it: the socket then stays quiet and a poll waits for its timeout —
/// a second each time, and for good when the data it holds back is another stream's. Performing again while
/// transfers make progress delivers what libcurl already holds before waiting on the socket; for what it still
/// holds back after that, the poll wakes every 20 ms while transfers are in flight (a perform after a poll delivers
/// it), so no transfer waits longer for data already received.
final class CurlMultiLoop: @unchecked Sendable {
    /// The process-wide loop, or nil when libcurl could not be initialised.
    static let shared: CurlMultiLoop? = CurlMultiLoop()

    /// Counters of the loop, for tests and benchmarks.
    struct Statistics: Sendable, Hashable {
        /// HTTP requests sent (every attempt).
        var transfers = 0
        /// Polls that ran out while transfers were in flight with no socket readable, after which a perform
        /// delivered data: data libcurl held back until the poll's wake-up delivered it.
        var heldDeliveries = 0
        /// Held deliveries that waited for a long poll (a second): stalls, as the loop used to make them.
        var stalls = 0
    }

    /// How long the poll waits, in milliseconds, while transfers are in flight and while none is.
    static let activePoll: Int32 = 20
    static let idlePoll: Int32 = 1000

    private let multi: UnsafeMutableRawPointer
    private let incoming = Mutex<[CurlTransfer]>([])
    private let counters = Mutex(Statistics())
    /// Transfers added to the multi handle, by easy handle. Touched only on the loop thread.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    /// Callbacks run by the last perform (bytes or headers delivered). Touched only on the loop thread.
    private(set) var deliveries = 0

    private init?() {
        guard curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK, let multi = curl_multi_init() else { return nil }
        self.multi = multi
        _ = tc_multi_setopt_long(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX)
        let thread = Thread { [self] in run() }
        thread.name = "tenantctl.curl"
        thread.start()
    }

    var statistics: Statistics { counters.withLock { $0 } }

    /// Hands a configured transfer to the loop; its continuation resumes on the loop thread.
    func submit(_ transfer: CurlTransfer) {
        incoming.withLock { $0.append(transfer) }
        curl_multi_wakeup(multi)
    }

    /// Makes the loop notice a transfer's cancellation now rather than at its next poll timeout.
    func wake() {
        curl_multi_wakeup(multi)
    }

    /// Counts a write or header callback. Loop thread only (libcurl calls back from inside perform).
    func delivered() { deliveries += 1 }

    private func run() {
        var held: Int32?
        while true {
            admitIncoming()
            dropCancelled()
            deliveries = 0
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            let finished = collectFinished()
            if let held, deliveries > 0 {
                counters.withLock {
                    $0.heldDeliveries += 1
                    if held >= Self.idlePoll { $0.stalls += 1 }
                }
            }
            held = nil
            if finished > 0 || deliveries > 0 { continue }
            var ready: Int32 = 0
            let timeout = active.isEmpty ? Self.idlePoll : Self.activePoll
            curl_multi_poll(multi, nil, 0, timeout, &ready)
            guard ready == 0, !active.isEmpty else { continue }
            // Timed out with transfers in flight. Unless a socket has become readable in this very moment, what the
            // next perform delivers was held back by libcurl all along.
            curl_multi_wait(multi, nil, 0, 0, &ready)
            if ready == 0 { held = timeout }
        }
    }

    private func admitIncoming() {
        let transfers = incoming.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        for transfer in transfers {
            if transfer.isCancelled {
                transfer.finish(.failure(CancellationError()))
            } else if curl_multi_add_handle(multi, transfer.easy) == CURLM_OK {
                active[transfer.easy] = transfer
                counters.withLock { $0.transfers += 1 }
            } else {
                let error = TransportError(
                    kind: .other, server: transfer.server, detail: "libcurl refused the transfer")
                transfer.finish(.failure(error))
            }
        }
    }

    private func dropCancelled() {
        for (easy, transfer) in active where transfer.isCancelled {
            curl_multi_remove_handle(multi, easy)
            active[easy] = nil
            transfer.finish(.failure(CancellationError()))
        }
    }

    /// Completes the transfers libcurl reports done; returns how many.
    private func collectFinished() -> Int {
        var finished = 0
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, easy)
            active.removeValue(forKey: easy)?.complete(code)
            finished += 1
        }
        return finished
    }
}
