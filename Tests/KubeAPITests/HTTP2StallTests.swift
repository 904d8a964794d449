import Foundation
import HTTP
import KubeAPI
import JSON
import TestSupport
import Testing

/// Many concurrent LISTs of a few hundred KB over one HTTP/2 connection, repeated, against the TLS+h2 sandbox:
/// every list arrives whole, and no delivery of data libcurl already held waits for a one-second poll (the loop that
/// slept a second on a quiet socket while libcurl held data made 100 tenants' plans stall on a real API server).
@Suite struct HTTP2StallTests {
    @Test func concurrentLargeListsOverOneConnectionNeverStall() async throws {
        try await withSandbox { sandbox in
            let setup = KubeClient(connection: sandbox.connection(), options: .init(retry: .fast))
            _ = try await setup.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "big"]])
            let filler = String(repeating: "x", count: 3_000)
            for index in 0..<100 {
                _ = try await setup.create([
                    "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": ["name": .string("cm-\(index)"), "namespace": "big"], "data": ["blob": .string(filler)],
                ])
            }
            let client = KubeClient(
                connection: sandbox.connection(), options: .init(retry: .none, limits: .init(request: .seconds(30))))
            let before = CurlTransport.processStatistics
            for _ in 0..<100 {
                let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            try await client.list(apiVersion: "v1", kind: "ConfigMap", namespace: "big").items
                                .count { $0["metadata"]?["name"]?.stringValue?.hasPrefix("cm-") == true }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(counts == Array(repeating: 100, count: 8))
            }
            let after = CurlTransport.processStatistics
            #expect(after.stalls == before.stalls, "data libcurl held waited for a one-second poll")
            #expect(after.requests - before.requests >= 800)
            let counts = try JSONValue.parse(try await sandboxRequests(sandbox))
            #expect((counts["byProtocol"]?["HTTP/2"]?.intValue ?? 0) >= 800, "the lists went over HTTP/2: \(counts)")
        }
    }

    func sandboxRequests(_ sandbox: RunningSandbox) async throws -> Data {
        let client = KubeClient(connection: sandbox.connection())
        return try await client.getJSON(path: "/_sandbox/requests").jsonData()
    }
}
