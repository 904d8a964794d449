import Foundation
import JSON
import Sandbox
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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

/// A minimal client over URLSession, so these tests depend on nothing but Foundation.
struct TestClient {
    let baseURL: URL
    let token: String?
    let session: URLSession

    func send(
        _ method: String, _ path: String, json body: JSONValue? = nil, contentType: String = "application/json",
        rawBody: Data? = nil, accept: String? = nil
    ) async throws -> HTTPAnswer {
        guard let url = URL(string: baseURL.absoluteString + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let accept { request.setValue(accept, forHTTPHeaderField: "Accept") }
        if let data = rawBody ?? body?.jsonData() {
            request.httpBody = data
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        request.setValue("sandbox-tests/1.0", forHTTPHeaderField: "User-Agent")
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        let json = (try? JSONValue.parse(data)) ?? .null
        return HTTPAnswer(status: http.statusCode, json: json, data: data, headers: headers)
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
        gitVersion: String = "v1.31.4", stateDirectory: URL? = nil, customResources: [ResourceType] = [],
        anonymous: SandboxConfiguration.AnonymousAccess = .publicInfo
    ) -> SandboxConfiguration {
        SandboxConfiguration(
            token: token, anonymousAccess: anonymous, gitVersion: gitVersion, stateDirectory: stateDirectory,
            controllerTimings: .fast, customResources: customResources)
    }

    /// Runs `body` against a freshly started sandbox and always stops it.
    static func with(
        _ configuration: SandboxConfiguration = configuration(), token: String? = TestSandbox.token,
        _ body: (SandboxServer, TestClient) async throws -> Void
    ) async throws {
        let server = try SandboxServer(configuration: configuration)
        let url = try await server.start()
        let session = URLSession(configuration: .ephemeral)
        let client = TestClient(baseURL: url, token: token, session: session)
        do {
            try await body(server, client)
        } catch {
            session.invalidateAndCancel()
            await server.stop()
            throw error
        }
        session.invalidateAndCancel()
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
