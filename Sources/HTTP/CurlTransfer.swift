import CCurl
import Foundation
import Synchronization

/// One libcurl easy handle with the buffers it fills. Built on the caller's task, then owned by the multi
/// loop's thread until it finishes; `finish` resumes the waiting task exactly once and frees the handle.
final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let server: String
    /// The loop that runs the transfer, told of every delivery so that it performs again before it sleeps.
    private let loop: CurlMultiLoop
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    private var body = Data()
    private let maxResponseBytes: Int
    /// Set when the body outgrew `maxResponseBytes` and the write callback stopped the transfer.
    private var overflowed = false
    private let stall: Duration
    private var headers: [(name: String, value: String)] = []
    private var continuation: CheckedContinuation<HTTPResponse, any Error>?
    private let cancelled = Atomic<Bool>(false)

    init(request: HTTPRequest, trust: ServerTrust, limits: TransferLimits, loop: CurlMultiLoop) throws(TransportError) {
        server = Self.serverName(request.url)
        self.loop = loop
        maxResponseBytes = limits.maxResponseBytes
        stall = limits.stall
        guard let easy = curl_easy_init() else {
            throw TransportError(kind: .other, server: server, detail: "libcurl could not create a handle")
        }
        self.easy = easy
        errorBuffer.initialize(to: 0)
        do {
            try configure(request, trust: trust, limits: limits)
        } catch {
            release()
            throw error
        }
    }

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    func cancel() { cancelled.store(true, ordering: .releasing) }

    /// Called once, before the transfer is handed to the loop.
    func await(_ continuation: CheckedContinuation<HTTPResponse, any Error>) {
        self.continuation = continuation
    }

    /// Resumes the waiting task with the outcome of `code` and frees the handle. Loop thread only.
    func complete(_ code: CURLcode) {
        guard code == CURLE_OK else {
            finish(.failure(failure(code)))
            return
        }
        var status = 0
        _ = tc_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        finish(.success(HTTPResponse(status: status, headers: headers, body: body)))
    }

    /// Resumes the waiting task and frees the handle. Loop thread only.
    func finish(_ result: Result<HTTPResponse, any Error>) {
        release()
        continuation?.resume(with: result)
        continuation = nil
    }

    private func release() {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        headerList = nil
        errorBuffer.deallocate()
    }

    /// The error for a failed transfer, in words that say which limit ended it.
    private func failure(_ code: CURLcode) -> TransportError {
        if overflowed || code == CURLE_FILESIZE_EXCEEDED {
            return TransportError(
                kind: .responseTooLarge, server: server,
                detail: "the response is larger than \(Self.size(maxResponseBytes)), the most tenantctl accepts")
        }
        let text = errorText(code)
        if code == CURLE_OPERATION_TIMEDOUT, text.hasPrefix("Operation too slow") {
            return TransportError(
                kind: .timedOut, server: server,
                detail: "the server sent nothing for \(stall.components.seconds) s (\(text))")
        }
        return CurlErrors.transportError(code, server: server, detail: text)
    }

    private func errorText(_ code: CURLcode) -> String {
        let buffered = String(cString: errorBuffer)
        return buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
    }

    private func configure(_ request: HTTPRequest, trust: ServerTrust, limits: TransferLimits) throws(TransportError) {
        let options = CurlOptions(easy: easy, server: server)
        try options.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try options.set(CURLOPT_URL, string: request.url.absoluteString)
        try options.set(CURLOPT_NOSIGNAL, 1)
        try options.set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
        try options.set(CURLOPT_PIPEWAIT, 1)
        // libcurl 7.88 copies a stream's HTTP/2 DATA into this buffer; when one fills up it pauses the whole
        // connection until that stream is read, and may leave other streams' data unread. 1 MiB leaves room for
        // what arrives for a stream while others are read (seen to matter with 300 KB lists).
        try options.set(CURLOPT_BUFFERSIZE, Self.receiveBufferSize)
        try options.set(CURLOPT_ACCEPT_ENCODING, string: "")
        try options.set(CURLOPT_CONNECTTIMEOUT_MS, limits.connect.milliseconds)
        if let request = limits.request { try options.set(CURLOPT_TIMEOUT_MS, request.milliseconds) }
        // A transfer that moves less than a byte a second for `stall` fails (libcurl counts whole seconds).
        try options.set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try options.set(CURLOPT_LOW_SPEED_TIME, max(1, (limits.stall.milliseconds + 999) / 1000))
        try options.set(CURLOPT_MAXFILESIZE_LARGE, offset: limits.maxResponseBytes)
        try options.setMethod(request.method, body: request.body)
        try options.setTrust(trust)
        if let client = request.clientCertificate { try options.setClientCertificate(client) }
        try setHeaders(request, options: options)
        let me = Unmanaged.passUnretained(self).toOpaque()
        try options.set(
            CURLOPT_WRITEFUNCTION,
            callback: { data, size, count, me in
                guard let data, let me else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(me).takeUnretainedValue()
                transfer.loop.delivered()
                guard transfer.body.count + size * count <= transfer.maxResponseBytes else {
                    transfer.overflowed = true
                    return 0
                }
                transfer.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
                return size * count
            })
        try options.set(CURLOPT_WRITEDATA, pointer: me)
        try options.set(
            CURLOPT_HEADERFUNCTION,
            callback: { data, size, count, me in
                guard let data, let me else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(me).takeUnretainedValue()
                transfer.loop.delivered()
                let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
                transfer.receiveHeaderLine(String(decoding: bytes, as: UTF8.self))
                return size * count
            })
        try options.set(CURLOPT_HEADERDATA, pointer: me)
    }

    private func setHeaders(_ request: HTTPRequest, options: CurlOptions) throws(TransportError) {
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        lines.append("Expect:")
        if let authorization = request.authorization { lines.append("Authorization: \(authorization.revealed)") }
        for line in lines { headerList = curl_slist_append(headerList, line) }
        try options.set(CURLOPT_HTTPHEADER, list: headerList)
    }

    /// A status line starts a new header block (after `100 Continue` or a redirect); keep only the last one.
    private func receiveHeaderLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers = []
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        headers.append((name: name, value: value))
    }

    static let receiveBufferSize = 1 << 20

    /// `64 MiB`, or a byte count when it is not a whole number of MiB.
    private static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    private static func serverName(_ url: URL) -> String {
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(url.scheme ?? "https")://\(url.host ?? "")\(port)"
    }
}
