import Foundation
import HTTP
import KubeAPI
import JSON
import TestSupport
import Testing

/// Exec credential plugins run for real: small shell scripts written by each test.
@Suite final class ExecPluginTests {
    let directory: TemporaryDirectory
    let transport = RecordingTransport { _, _ in .json(200, ["kind": "Namespace"]) }
    let reference = ObjectReference(apiVersion: "v1", kind: "Namespace", name: "acme")

    init() throws { directory = try TemporaryDirectory() }
    deinit { directory.remove() }

    /// A plugin that records each run and prints `status` (a JSON object) as its ExecCredential.
    func plugin(
        status: String, exitStatus: Int = 0, apiVersion: String = "client.authentication.k8s.io/v1",
        name: String = "plugin.sh"
    ) throws -> String {
        try directory.write(
            name,
            """
            #!/bin/sh
            echo run >> "$RUNS_FILE"
            while read -r line; do case $line in SigBlk*) echo "$line" > "$RUNS_FILE.signals";; esac; done < /proc/$$/status
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$INFO_FILE"
            cat <<EOF
            {"apiVersion":"\(apiVersion)","kind":"ExecCredential","status":\(status)}
            EOF
            exit \(exitStatus)
            """, executable: true)
    }

    func exec(_ command: String, args: [String] = [], provideClusterInfo: Bool = false) -> ExecConfig {
        ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1", command: command, args: args,
            env: [
                .init(name: "RUNS_FILE", value: Redacted("\(directory.path)/runs")),
                .init(name: "INFO_FILE", value: Redacted("\(directory.path)/info.json")),
                .init(name: "SUFFIX", value: Redacted("from-env")),
            ],
            installHint: "ask the platform team for the login plugin", provideClusterInfo: provideClusterInfo)
    }

    func client(_ exec: ExecConfig, transport: RecordingTransport? = nil, log: LogCapture? = nil) -> KubeClient {
        .inMemory(transport ?? self.transport, authentication: Authentication(exec: exec), log: log?.handler)
    }

    var runs: Int {
        ((try? String(contentsOfFile: "\(directory.path)/runs", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func theTokenIsSentAndCachedUntilItExpires() async throws {
        let command = try plugin(
            status: #"{"token":"plugin-token-$1-$SUFFIX","expirationTimestamp":"2099-01-01T00:00:00Z"}"#)
        let client = client(exec(command, args: ["first-arg"]))
        _ = try await client.get(reference)
        _ = try await client.get(reference)
        #expect(runs == 1)
        #expect(
            transport.requests.map { $0.authorization?.revealed }
                == Array(repeating: "Bearer plugin-token-first-arg-from-env", count: 2))
    }

    @Test func thePluginRunsWithNoSignalsBlocked() async throws {
        _ = try await client(exec(try plugin(status: #"{"token":"t"}"#))).get(reference)
        let mask = try String(contentsOfFile: "\(directory.path)/runs.signals", encoding: .utf8)
        #expect(mask.trimmingCharacters(in: .whitespacesAndNewlines) == "SigBlk:\t0000000000000000")
    }

    @Test func anExpiredCredentialRunsThePluginAgain() async throws {
        let command = try plugin(status: #"{"token":"t","expirationTimestamp":"2001-01-01T00:00:00.5Z"}"#)
        let client = client(exec(command))
        _ = try await client.get(reference)
        _ = try await client.get(reference)
        #expect(runs == 2)
    }

    @Test func concurrentRequestsShareOneRun() async throws {
        let command = try plugin(status: #"{"token":"shared"}"#)
        let client = client(exec(command))
        let reference = reference
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await client.get(reference) } }
            try await group.waitForAll()
        }
        #expect(runs == 1)
    }

    @Test func thePluginLearnsAboutTheCluster() async throws {
        let command = try plugin(status: #"{"token":"t"}"#)
        _ = try await client(exec(command, provideClusterInfo: true)).get(reference)
        let info = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/info.json")))
        #expect(info["apiVersion"] == "client.authentication.k8s.io/v1")
        #expect(info["kind"] == "ExecCredential")
        #expect(info.value(at: ["spec", "interactive"]) == false)
        #expect(info.value(at: ["spec", "cluster", "server"]) == "https://kube.test:6443")
    }

    @Test func withoutProvideClusterInfoTheClusterStaysOut() async throws {
        let command = try plugin(status: #"{"token":"t"}"#)
        _ = try await client(exec(command)).get(reference)
        let info = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/info.json")))
        #expect(info.value(at: ["spec", "cluster"]) == nil)
    }

    @Test func aClientCertificateFromThePlugin() async throws {
        let command = try plugin(status: #"{"clientCertificateData":"CERT-PEM","clientKeyData":"KEY-PEM"}"#)
        _ = try await client(exec(command)).get(reference)
        let certificate = try #require(transport.requests.first?.clientCertificate)
        #expect(
            certificate
                == ClientCertificate(
                    certificate: .data(Redacted(Array("CERT-PEM".utf8))), key: .data(Redacted(Array("KEY-PEM".utf8)))))
        #expect(transport.requests.first?.authorization == nil)
    }

    @Test func aRejectedCredentialIsRefreshedOnce() async throws {
        let command = try plugin(status: #"{"token":"t","expirationTimestamp":"2099-01-01T00:00:00Z"}"#)
        let transport = RecordingTransport(script: [
            .success(.status(401, reason: "Unauthorized", message: "Unauthorized")),
            .success(.json(200, ["kind": "Namespace"])),
        ])
        let client = client(exec(command), transport: transport)
        _ = try await client.get(reference)
        #expect(runs == 2)
        #expect(client.statistics.attempts == 2)
    }

    @Test func failuresNeverQuoteTheOutput() async throws {
        let cases: [(String, ExecPluginError.Problem)] = [
            (try plugin(status: #"{"token":"leaked-token-1"}"#, exitStatus: 3, name: "exits"), .exited(status: 3)),
            (
                try plugin(
                    status: #"{"token":"leaked-token-1"}"#, apiVersion: "client.authentication.k8s.io/v1alpha1",
                    name: "old"),
                .badOutput("its output is not an ExecCredential of apiVersion client.authentication.k8s.io/v1")
            ),
            (
                try plugin(status: #"{"clientKeyData":"leaked-token-1"}"#, name: "half"),
                .badOutput("its ExecCredential has only one of clientCertificateData and clientKeyData")
            ),
            (try plugin(status: #""leaked-token-1""#), .badOutput("its output is not an ExecCredential JSON object")),
        ]
        for (command, problem) in cases {
            let log = LogCapture()
            let error = await #expect(throws: ExecPluginError.self) {
                try await self.client(self.exec(command), log: log).get(self.reference)
            }
            #expect(error?.problem == problem)
            var dumped = ""
            dump(error, to: &dumped)
            #expect(!"\(String(describing: error)) \(dumped) \(log.text)".contains("leaked-token"))
        }
    }

    @Test func aMissingPluginShowsTheInstallHint() async throws {
        let error = await #expect(throws: ExecPluginError.self) {
            try await self.client(self.exec("tenantctl-no-such-login-plugin")).get(self.reference)
        }
        #expect(
            error?.description
                == "exec credential plugin \"tenantctl-no-such-login-plugin\" was not found: ask the platform team for the login plugin"
        )
        #expect(transport.requests.isEmpty)
    }

    @Test func interactivePluginsAreRefused() async throws {
        var config = exec(try plugin(status: #"{"token":"t"}"#))
        config.interactiveMode = "Always"
        let error = await #expect(throws: ExecPluginError.self) { try await self.client(config).get(self.reference) }
        #expect(error?.problem == .unsupported("it requires an interactive terminal (interactiveMode: Always)"))
        #expect(runs == 0)
    }
}
