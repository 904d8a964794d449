import Foundation
import Sandbox
import TestSupport
import Testing

/// The sandbox serves HTTPS as a real API server does, driven with the real `curl` and verification on: ALPN
/// picks HTTP/2 for clients that offer `h2` and HTTP/1.1 for those that do not, the certificate names 127.0.0.1
/// and localhost, and a client that does not trust the sandbox's CA is refused.
@Suite struct HTTPSTests {
    /// `curl arguments`: its exit status, and its standard output (or standard error when it failed).
    private func curl(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await onOwnThread {
            do {
                return (0, try Tool.run("curl", arguments))
            } catch let failure as Tool.Failure {
                return (failure.status, failure.stderr)
            }
        }
    }

    @Test func alpnNegotiatesHTTP2AndFallsBackToHTTP1() async throws {
        let directory = try TemporaryDirectory(prefix: "sandbox-https")
        defer { directory.remove() }
        try await TestSandbox.with { server, _ in
            let url = try #require(server.url)
            let port = try #require(url.port)
            let authority = try directory.write("ca.crt", server.certificateAuthorityPEM)
            let common = [
                "-sS", "--fail", "--cacert", authority, "-H", "Authorization: Bearer \(TestSandbox.token)",
                "-o", "/dev/null", "-w", "%{http_version}",
            ]
            let http2 = try await curl(common + ["--http2", "\(url.absoluteString)/api/v1/namespaces"])
            #expect(http2.status == 0, "\(http2.output)")
            #expect(http2.output == "2")
            let http1 = try await curl(common + ["--http1.1", "\(url.absoluteString)/api/v1/namespaces"])
            #expect(http1.status == 0, "\(http1.output)")
            #expect(http1.output == "1.1")
            let byName = try await curl(
                common + ["--http2", "--resolve", "localhost:\(port):127.0.0.1", "https://localhost:\(port)/version"])
            #expect(byName.status == 0, "\(byName.output)")
            #expect(byName.output == "2")
            #expect(server.requestCounts.byProtocol == ["HTTP/2": 2, "HTTP/1.1": 1])
        }
    }

    @Test func aClientThatDoesNotTrustTheSandboxCAIsRefused() async throws {
        let directory = try TemporaryDirectory(prefix: "sandbox-https")
        defer { directory.remove() }
        try await TestSandbox.with { server, _ in
            let url = try #require(server.url)
            let stranger = try directory.write(
                "stranger.crt", try SandboxCertificateAuthority.generate(commonName: "stranger").certificatePEM)
            let untrusted = try await curl(["-sS", "--cacert", stranger, "\(url.absoluteString)/version"])
            // 60: CURLE_PEER_FAILED_VERIFICATION, the server's certificate does not chain to a trusted CA.
            #expect(untrusted.status == 60, "\(untrusted.output)")
            let systemTrust = try await curl(["-sS", "\(url.absoluteString)/version"])
            #expect(systemTrust.status == 60, "\(systemTrust.output)")
            #expect(server.requestCounts.total == 0)
        }
    }

    /// libcurl resets every HTTP/2 stream it has read to the end; past 200 resets on one connection NIOHTTP2 would
    /// send GOAWAY naming no stream as processed, and curl would replay the requests in flight, or fail them.
    @Test func aClientResettingEveryFinishedStreamIsServedEachRequestOnce() async throws {
        let directory = try TemporaryDirectory(prefix: "sandbox-https")
        defer { directory.remove() }
        try await TestSandbox.with { server, _ in
            let url = try #require(server.url)
            let authority = try directory.write("ca.crt", server.certificateAuthorityPEM)
            let request = """
                url = "\(url.absoluteString)/api/v1/namespaces"
                cacert = "\(authority)"
                header = "Authorization: Bearer \(TestSandbox.token)"
                output = "/dev/null"
                write-out = "%{http_version} %{http_code}\\n"
                http2
                """
            let config = try directory.write(
                "requests.conf", Array(repeating: request, count: 300).joined(separator: "\nnext\n") + "\n")
            let listed = try await curl(["-sS", "-K", config])
            #expect(listed.status == 0, "\(listed.output)")
            let answers = listed.output.split(separator: "\n").map(String.init)
            #expect(answers.count == 300)
            #expect(answers.allSatisfy { $0 == "2 200" }, "\(Set(answers))")
            #expect(server.requestCounts["GET"] == 300, "each request reached the sandbox once")
        }
    }
}
