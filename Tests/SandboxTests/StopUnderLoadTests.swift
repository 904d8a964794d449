import Foundation
import KubeAPI
import TestSupport
import Testing

/// Stopping the sandbox while clients keep opening HTTP/2 streams on their connections: the process survives
/// (a stream NIOHTTP2 opened after Hummingbird stopped taking them used to trap it) and the clients get errors.
@Suite struct StopUnderLoadTests {
    @Test func stoppingWhileClientsKeepSendingRequestsOverHTTP2() async throws {
        for _ in 0..<20 {
            try await withSandbox { sandbox in
                let client = KubeClient(
                    connection: sandbox.connection(), options: .init(retry: .none, limits: .init(request: .seconds(10)))
                )
                let load = Task {
                    await withTaskGroup(of: Void.self) { group in
                        for _ in 0..<8 {
                            group.addTask {
                                while (try? await client.list(apiVersion: "v1", kind: "Namespace")) != nil {}
                            }
                        }
                    }
                }
                try await Task.sleep(for: .milliseconds(Int.random(in: 20...150)))
                await sandbox.server.stop()
                await load.value
            }
        }
    }
}
