import Foundation
import HTTP
import KubeAPI

extension KubeClient {
    /// A client of a made-up server over an in-memory transport, retrying with tiny delays.
    public static func inMemory(
        _ transport: any HTTPTransport, authentication: Authentication = Authentication(),
        namespace: String = "default", retry: RetryPolicy = .fast, log: LogHandler? = nil,
        sleep: (@Sendable (Duration) async throws -> Void)? = nil
    ) -> KubeClient {
        let server = URL(string: "https://kube.test:6443") ?? URL(fileURLWithPath: "/")
        var options = KubeClient.Options(retry: retry, log: log)
        if let sleep { options.sleep = sleep }
        return KubeClient(
            connection: ClusterConnection(server: server, authentication: authentication, namespace: namespace),
            options: options, transport: transport)
    }
}

extension RetryPolicy {
    /// Five attempts a millisecond or two apart: real retries at test speed. The time budget is generous so that
    /// only the attempt limit ends retries, also on a loaded machine where an attempt can take seconds.
    public static let fast = RetryPolicy(
        maxAttempts: 5, initialDelay: .milliseconds(1), maxDelay: .milliseconds(4), maxElapsed: .seconds(120),
        jitter: 0.5)
}
