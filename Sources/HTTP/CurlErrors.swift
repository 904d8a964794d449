import CCurl

/// Sorts libcurl result codes into the `TransportError` kinds that decide retries.
enum CurlErrors {
    /// A read or write error carrying a TLS alert is the server refusing the handshake (with TLS 1.3 a rejected
    /// client certificate surfaces only at the first read), not a dropped connection.
    static func transportError(_ code: CURLcode, server: String, detail: String) -> TransportError {
        var kind = kind(of: code)
        if kind == .connectionReset, detail.contains("SSL"), detail.contains(" alert ") { kind = .tls }
        return TransportError(kind: kind, server: server, detail: detail)
    }

    static func kind(of code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            .timedOut
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            .connectionReset
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_CRL_BADFILE:
            .tls
        default:
            .other
        }
    }
}
