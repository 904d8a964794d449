import Foundation
import HTTP
import JSON
import Sandbox
import Testing

/// An HTTP answer as tests look at it.
struct HTTPAnswer {
    var status: Int
    /// The body as JSON, or null when it is empty or not JSON (see `data`).
    var json: JSONValue
    var data: Data
    var headers: [String: String]

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// A minimal client over libcurl (KubeAPI's transport, without the Kubernetes client on top): HTTPS, HTTP/2
/// through ALPN, verifying the sandbox against its CA; one attempt per request.
struct TestClient {
    /// A path that is no URL, or a method the transport does not speak.
    struct BadRequest: Error {}

    let baseURL: URL
    let token: String?
    let transport: CurlTransport

    init(baseURL: URL, token: String?, certificateAuthority: String) {
        self.baseURL = baseURL
        self.token = token
        transport = CurlTransport(
            trust: ServerTrust(certificateAuthority: .data(Redacted(Array(certificateAuthority.utf8)))))
    }

    /// A client of a running `server`.
    init(_ server: SandboxServer, url: URL, token: String? = TestSandbox.token) {
        self.init(baseURL: url, token: token, certificateAuthority: server.certificateAuthorityPEM)
    }

    func send(
        _ method: String, _ path: String, json body: JSONValue? = nil, contentType: String = "application/json",
        rawBody: Data? = nil, accept: String? = nil
    ) async throws -> HTTPAnswer {
        guard let url = URL(string: baseURL.absoluteString + path), let method = HTTPMethod(rawValue: method) else {
            throw BadRequest()
        }
        var headers = [(name: "User-Agent", value: "sandbox-tests/1.0")]
        if let accept { headers.append((name: "Accept", value: accept)) }
        let data = rawBody ?? body?.jsonData()
        if data != nil { headers.append((name: "Content-Type", value: contentType)) }
        let request = HTTPRequest(
            method: method, url: url, headers: headers, authorization: token.map { Redacted("Bearer \($0)") },
            body: data)
        let response = try await transport.send(request)
        let headerFields = Dictionary(
            response.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let json = (try? JSONValue.parse(response.body)) ?? .null
        return HTTPAnswer(status: response.status, json: json, data: response.body, headers: headerFields)
    }

    func get(_ path: String) async throws -> HTTPAnswer { try await send("GET", path) }
    func post(_ path: String, _ body: JSONValue) async throws -> HTTPAnswer { try await send("POST", path, json: body) }
    func put(_ path: String, _ body: JSONValue) async throws -> HTTPAnswer { try await send("PUT", path, json: body) }
    func delete(_ path: String) async throws -> HTTPAnswer { try await send("DELETE", path) }
    func patch(_ path: String, _ body: JSONValue, type: String = "application/merge-patch+json") async throws
        -> HTTPAnswer
    {
        try await send("PATCH", path, json: body, contentType: type)
    }
}

enum TestSandbox {
    static let token = "test-token"

    static func configuration(
        gitVersion: String = "v1.31.4", stateDirectory: URL? = nil, customResources: [ResourceType] = []
    ) -> SandboxConfiguration {
        SandboxConfiguration(
            token: token, gitVersion: gitVersion, stateDirectory: stateDirectory, controllerTimings: .fast,
            customResources: customResources)
    }

    /// Runs `body` against a freshly started sandbox and always stops it.
    static func with(
        _ configuration: SandboxConfiguration = configuration(), token: String? = TestSandbox.token,
        _ body: (SandboxServer, TestClient) async throws -> Void
    ) async throws {
        let server = try SandboxServer(configuration: configuration)
        let client = TestClient(server, url: try await server.start(), token: token)
        do {
            try await body(server, client)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// A scratch directory removed after `body`.
    static func withTemporaryDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sandbox-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held (an error counts as not yet).
func eventually(timeout: Duration = .seconds(3), _ condition: () async throws -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if (try? await condition()) == true { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return (try? await condition()) == true
}

func namespace(_ name: String, labels: JSONValue = [:]) -> JSONValue {
    ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name), "labels": labels]]
}

func configMap(_ name: String, data: JSONValue = ["a": "b"], labels: JSONValue? = nil) -> JSONValue {
    var metadata: JSONValue = ["name": .string(name)]
    if let labels { metadata["labels"] = labels }
    return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata, "data": data]
}

extension JSONValue {
    /// A member by dotted path, for terse expectations: `object["metadata.name"]`.
    subscript(path path: String) -> JSONValue? {
        value(at: path.split(separator: ".").map(String.init))
    }
}
