import CCurl
import Foundation
import Synchronization

/// Runs every libcurl transfer of the process on one dedicated thread through the multi interface, so
/// waiting on the network never occupies a cooperative thread of Swift concurrency. The multi handle keeps
/// a connection cache shared by all transfers (reuse, HTTP/2 multiplexing).
final class CurlMultiLoop: @unchecked Sendable {
    /// The process-wide loop, or nil when libcurl could not be initialised.
    static let shared: CurlMultiLoop? = CurlMultiLoop()

    private let multi: UnsafeMutableRawPointer
    private let incoming = Mutex<[CurlTransfer]>([])
    /// Transfers added to the multi handle, by easy handle. Touched only on the loop thread.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    private init?() {
        guard curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK, let multi = curl_multi_init() else { return nil }
        self.multi = multi
        _ = tc_multi_setopt_long(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX)
        let thread = Thread { [self] in run() }
        thread.name = "tenantctl.curl"
        thread.start()
    }

    /// Hands a configured transfer to the loop; its continuation resumes on the loop thread.
    func submit(_ transfer: CurlTransfer) {
        incoming.withLock { $0.append(transfer) }
        curl_multi_wakeup(multi)
    }

    /// Makes the loop notice a transfer's cancellation now rather than at its next poll timeout.
    func wake() {
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            admitIncoming()
            dropCancelled()
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectFinished()
            curl_multi_poll(multi, nil, 0, 1000, nil)
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

    private func collectFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, easy)
            active.removeValue(forKey: easy)?.complete(code)
        }
    }
}
