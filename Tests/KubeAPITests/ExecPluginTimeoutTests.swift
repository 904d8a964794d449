import Foundation
import TestSupport
import Testing

@testable import KubeAPI

@Suite final class ExecPluginTimeoutTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }
    deinit { directory.remove() }

    @Test func aHangingPluginIsKilled() async throws {
        let command = try directory.write("hang", "#!/bin/sh\nexec sleep 120\n", executable: true)
        let plugin = ExecCredentialPlugin(
            config: ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: command), cluster: nil,
            timeout: .milliseconds(300), log: nil)
        let started = ContinuousClock.now
        await #expect(throws: ExecPluginError(command: command, problem: .timedOut(seconds: 0))) {
            _ = try await plugin.credential()
        }
        // Far below the 120 s the script sleeps: the plugin was killed, not waited for (a tight bound flakes under
        // load: on a 2-core machine running three builds, this once took 31 s).
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
