import CCurl
import Foundation

/// Typed `curl_easy_setopt` calls that turn a failed option into a `TransportError` naming it.
struct CurlOptions {
    let easy: UnsafeMutableRawPointer
    let server: String

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(tc_easy_setopt_long(easy, option, value), option)
    }

    func set(_ option: CURLoption, offset: Int) throws(TransportError) {
        try check(tc_easy_setopt_off(easy, option, curl_off_t(offset)), option)
    }

    func set(_ option: CURLoption, string: String) throws(TransportError) {
        try check(tc_easy_setopt_string(easy, option, string), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(TransportError) {
        try check(tc_easy_setopt_pointer(easy, option, pointer), option)
    }

    func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) throws(TransportError) {
        try check(tc_easy_setopt_slist(easy, option, list), option)
    }

    func set(_ option: CURLoption, callback: tc_data_callback) throws(TransportError) {
        try check(tc_easy_setopt_data_callback(easy, option, callback), option)
    }

    /// Hands bytes to libcurl, which copies them (`CURL_BLOB_COPY`) before this returns.
    func set(_ option: CURLoption, blob bytes: [UInt8]) throws(TransportError) {
        var copy = bytes
        let code = copy.withUnsafeMutableBytes { buffer in
            var blob = curl_blob(data: buffer.baseAddress, len: buffer.count, flags: UInt32(CURL_BLOB_COPY))
            return tc_easy_setopt_blob(easy, option, &blob)
        }
        try check(code, option)
    }

    func setMethod(_ method: HTTPMethod, body: Data?) throws(TransportError) {
        switch method {
        case .get: try set(CURLOPT_HTTPGET, 1)
        case .post: try set(CURLOPT_POST, 1)
        case .put, .patch, .delete: try set(CURLOPT_CUSTOMREQUEST, string: method.rawValue)
        }
        guard let body else { return }
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: body.count)
        var bytes = [UInt8](body)
        let code = bytes.withUnsafeMutableBytes { tc_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
        try check(code, CURLOPT_COPYPOSTFIELDS)
    }

    func setTrust(_ trust: ServerTrust) throws(TransportError) {
        try set(CURLOPT_SSL_VERIFYPEER, trust.insecureSkipVerify ? 0 : 1)
        try set(CURLOPT_SSL_VERIFYHOST, trust.insecureSkipVerify ? 0 : 2)
        switch trust.certificateAuthority {
        case nil: break
        case .file(let path): try set(CURLOPT_CAINFO, string: path)
        case .data(let bytes): try set(CURLOPT_CAINFO_BLOB, blob: bytes.revealed)
        }
    }

    func setClientCertificate(_ client: ClientCertificate) throws(TransportError) {
        try set(CURLOPT_SSLCERTTYPE, string: "PEM")
        switch client.certificate {
        case .file(let path): try set(CURLOPT_SSLCERT, string: path)
        case .data(let bytes): try set(CURLOPT_SSLCERT_BLOB, blob: bytes.revealed)
        }
        try set(CURLOPT_SSLKEYTYPE, string: "PEM")
        switch client.key {
        case .file(let path): try set(CURLOPT_SSLKEY, string: path)
        case .data(let bytes): try set(CURLOPT_SSLKEY_BLOB, blob: bytes.revealed)
        }
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(TransportError) {
        guard code != CURLE_OK else { return }
        let reason = String(cString: curl_easy_strerror(code))
        throw TransportError(kind: .other, server: server, detail: "libcurl option \(option.rawValue): \(reason)")
    }
}
