import Foundation
import HTTP
import KubeAPI
import TestSupport
import Testing

/// Every transfer is bounded: a server that never answers, one that stops sending, one whose body never ends
/// and one that announces a body too large each fail with an error that names the server and the limit.
@Suite struct TransferLimitsTests {
    func client(_ server: MisbehavingServer, _ limits: TransferLimits) -> KubeClient {
        KubeClient(
            connection: ClusterConnection(server: server.url, authentication: Authentication(token: Redacted("t"))),
            options: .init(retry: .none, limits: limits))
    }

    func failure(_ behaviour: MisbehavingServer.Behaviour, _ limits: TransferLimits) async throws
        -> (error: KubeAPIError?, took: Duration, server: String)
    {
        let server = try await MisbehavingServer.start(behaviour)
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: KubeAPIError.self) { try await client(server, limits).serverVersion() }
        return (error, ContinuousClock.now - started, "127.0.0.1:\(server.port)")
    }

    @Test func aSilentServerFailsAfterTheRequestTimeoutNamingTheServer() async throws {
        let (error, took, server) = try await failure(.silent, TransferLimits().withRequestTimeout(.seconds(2)))
        guard case .transport(let transport)? = error?.failure else {
            Issue.record("expected a transport failure, got \(String(describing: error))")
            return
        }
        #expect(transport.kind == .timedOut)
        #expect("\(error!)".contains(server), "\(error!)")
        #expect(took >= .seconds(1) && took < .seconds(20), "\(took)")
    }

    @Test func aTransferThatStallsFailsAsStalledWithoutARequestTimeout() async throws {
        let limits = TransferLimits(request: nil, stall: .seconds(1))
        let (error, took, _) = try await failure(.silent, limits)
        #expect("\(error!)".contains("the server sent nothing for 1 s"), "\(error!)")
        #expect(took < .seconds(20), "\(took)")
    }

    @Test func anEndlessBodyIsRefusedAtTheCap() async throws {
        let limits = TransferLimits(maxResponseBytes: 8 << 20)
        let (error, _, server) = try await failure(.endlessBody, limits)
        guard case .transport(let transport)? = error?.failure else {
            Issue.record("expected a transport failure, got \(String(describing: error))")
            return
        }
        #expect(transport.kind == .responseTooLarge)
        #expect(!transport.isTransient, "a body too large is not retried")
        #expect("\(error!)".contains("larger than 8 MiB") && "\(error!)".contains(server), "\(error!)")
    }

    @Test func aContentLengthOverTheCapIsRefusedBeforeTheBodyArrives() async throws {
        let (error, took, _) = try await failure(.hugeContentLength, TransferLimits(maxResponseBytes: 8 << 20))
        #expect("\(error!)".contains("larger than 8 MiB"), "\(error!)")
        #expect(took < .seconds(10), "\(took)")
    }

    @Test func aRequestTimeoutOfZeroMeansNoLimit() {
        #expect(TransferLimits().withRequestTimeout(.zero).request == nil)
        #expect(TransferLimits().withRequestTimeout(nil).request == nil)
        let short = TransferLimits().withRequestTimeout(.seconds(5))
        #expect(short.request == .seconds(5) && short.stall == .seconds(5))
    }
}
