import Foundation
import HTTP
import KubeAPI
import TestSupport
import Testing

@Suite final class TokenFileTests {
    let directory: TemporaryDirectory
    let transport = RecordingTransport { _, _ in .json(200, ["kind": "Namespace"]) }
    let reference = ObjectReference(apiVersion: "v1", kind: "Namespace", name: "acme")

    init() throws { directory = try TemporaryDirectory() }
    deinit { directory.remove() }

    @Test func theFileIsReadForEachRequestAndWinsOverTheInlineToken() async throws {
        let path = try directory.write("token", "first-token\n")
        let client = KubeClient.inMemory(
            transport, authentication: Authentication(token: Redacted("inline"), tokenFile: path))
        _ = try await client.get(reference)
        try directory.write("token", "rotated-token")
        _ = try await client.get(reference)
        #expect(
            transport.requests.map { $0.authorization?.revealed } == ["Bearer first-token", "Bearer rotated-token"])
    }

    @Test func anUnreadableFileIsNamed() async throws {
        let path = "\(directory.path)/absent"
        let client = KubeClient.inMemory(transport, authentication: Authentication(tokenFile: path))
        let error = await #expect(throws: TokenFileError.self) { try await client.get(self.reference) }
        #expect(error?.path == path)
        #expect(error?.description.hasPrefix("token file \(path) cannot be read") == true)
        let empty = try directory.write("empty", "\n")
        await #expect(throws: TokenFileError(path: empty, problem: "is empty")) {
            try await KubeClient.inMemory(self.transport, authentication: Authentication(tokenFile: empty)).get(
                self.reference)
        }
    }
}
