import Foundation

/// Sends one HTTP request and returns the response: the seam between the Kubernetes client and the network.
///
/// `CurlTransport` is the real one; tests substitute an in-memory transport. A transport makes exactly one
/// attempt per call — retries belong to the caller — and reports network failures as `TransportError`.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// An HTTP method the Kubernetes API uses.
public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// One HTTP request, complete with the credentials it carries.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    /// Header names and values; secret values (the `Authorization` header) go in `authorization`.
    public var headers: [(name: String, value: String)]
    /// The `Authorization` header value, kept apart so that it is never formatted.
    public var authorization: Redacted<String>?
    /// The client certificate presented in the TLS handshake, if any.
    public var clientCertificate: ClientCertificate?
    public var body: Data?

    public init(
        method: HTTPMethod, url: URL, headers: [(name: String, value: String)] = [],
        authorization: Redacted<String>? = nil, clientCertificate: ClientCertificate? = nil, body: Data? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.authorization = authorization
        self.clientCertificate = clientCertificate
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// One HTTP response.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names (as sent) and values.
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `Retry-After` in whole seconds, when the server sent it in that form.
    public var retryAfter: Duration? {
        guard let value = header("Retry-After")?.trimmingCharacters(in: .whitespaces),
            let seconds = Int(value), seconds >= 0
        else { return nil }
        return .seconds(seconds)
    }
}
